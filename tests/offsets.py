"""Check the record contract's offset rule: text[start:end] == mention text."""


def assert_offsets(record) -> None:
    text = record.text
    spans = []
    for council in record.councils:
        spans += council.mentions
    for official in record.officials:
        spans += official.mentions
    for rating in record.ratings:
        spans.append(rating.evidence)
    for group in (record.dates, record.counts, record.money):
        for fact in group:
            spans.append(fact)
            spans += fact.mentions
    for span in spans:
        assert text[span.start:span.end] == span.text, (span.start, span.end, span.text)
