"""Where the fetcher may connect: public addresses only, unless told otherwise.

A URL list from the wild can point (directly, by a redirect or by a DNS answer)
at a private service such as a router or a cloud metadata endpoint. The check
therefore runs at connect time, inside httpx's connection pool: the host is
resolved once, every address it resolves to is vetted, and the connection goes
to a vetted address, so a redirect or a second DNS answer cannot slip past it.
"""
from __future__ import annotations

import ipaddress
import socket
import typing
from collections.abc import Iterable

import anyio
import httpcore
import httpx

from ..resources import load_json, resolve

Address = typing.Union[ipaddress.IPv4Address, ipaddress.IPv6Address]


class BlockedAddress(Exception):
    """The host resolves to an address the policy refuses (never retried)."""


class AddressPolicy:
    """Refuses private, loopback, link-local and other non-public addresses,
    except networks the user allows. ``allow_private`` opens loopback and
    private ranges, never link-local ones or cloud metadata addresses
    (``never_private`` in ``models/fetch.json``): only an allowed network
    inside one of those, which names it on purpose, admits them."""

    def __init__(self, allow_private: bool = False, allow_networks: Iterable[str] = ()) -> None:
        self.allow_private = allow_private
        self.networks = [ipaddress.ip_network(network, strict=False) for network in allow_networks]
        rules = load_json(resolve(None, "fetch.json"))["never_private"]
        self.sensitive = [ipaddress.ip_network(network) for network in rules["networks"]]

    def refusal(self, host: str, address: Address) -> str | None:
        """Why ``address`` (which ``host`` resolved to) is refused, or None."""
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        sensitive = [net for net in self.sensitive if address.version == net.version and address in net]
        if sensitive or address.is_link_local:
            named = any(address in net and any(net.version == s.version and net.subnet_of(s) for s in sensitive)
                        for net in self.networks)
            return None if named else (
                f"refused to connect to {host} ({address}): a link-local or cloud metadata address, never "
                "fetched unless --allow-network names its network")
        if any(address in net for net in self.networks):
            return None
        reachable = not (address.is_multicast or address.is_unspecified)  # "0.0.0.0" would reach this machine
        if reachable and (address.is_global or self.allow_private and (address.is_private or address.is_loopback)):
            return None
        return (f"refused to connect to {host} ({address}): a private, loopback or link-local address "
                "(use --allow-private or --allow-network to permit it)")


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend with every TCP connection vetted by a policy."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy
        self.inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
                          ) -> httpcore.AsyncNetworkStream:
        addresses = await self._resolve(host, port, timeout)
        for address in addresses:
            reason = self.policy.refusal(host, address)
            if reason:
                raise BlockedAddress(reason)
        error: Exception | None = None
        for address in addresses:
            try:
                return await self.inner.connect_tcp(str(address), port, timeout=timeout,
                                                    local_address=local_address, socket_options=socket_options)
            except httpcore.ConnectError as failure:
                error = failure
        raise error or httpcore.ConnectError(f"no address for {host}")

    async def _resolve(self, host: str, port: int, timeout: float | None) -> list[Address]:
        try:
            return [ipaddress.ip_address(host)]
        except ValueError:
            pass
        try:
            with anyio.fail_after(timeout):
                answers = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"DNS lookup of {host} timed out") from None
        except OSError as error:
            raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from None
        unique = dict.fromkeys(ipaddress.ip_address(answer[4][0].split("%")[0]) for answer in answers)
        return list(unique)

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport whose connection pool dials through the guard."""

    def __init__(self, policy: AddressPolicy, limits: httpx.Limits) -> None:
        super().__init__(limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(  # same settings, guarded dialling
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_GuardedBackend(policy),
        )
