"""Small PDFs written for the tests, imitating real Ofsted report layouts:
running headers and page numbers on every page, judgement tables whose labels
wrap over lines, two-column tables, and the closing boilerplate."""
from __future__ import annotations

from fpdf import FPDF


class ReportPDF(FPDF):
    """Pages of text with an optional running header (title and dates) and a page number."""

    def __init__(self, running: tuple[str, str] | None = None) -> None:
        super().__init__(format="A4")
        self.running = running
        self.set_auto_page_break(auto=True, margin=20)
        self.set_font("Helvetica", size=11)

    def header(self) -> None:
        if self.running and self.page_no() > 1:
            self.set_font("Helvetica", size=9)
            self.cell(0, 5, self.running[0], new_x="LMARGIN", new_y="NEXT")
            self.cell(0, 5, f"{self.running[1]} {self.page_no()}", new_x="LMARGIN", new_y="NEXT")
            self.ln(4)
            self.set_font("Helvetica", size=11)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("Helvetica", size=9)
        self.cell(0, 10, str(self.page_no()), align="C")
        self.set_font("Helvetica", size=11)

    def lines(self, *lines: str, width: float = 0) -> None:
        for line in lines:
            self.multi_cell(width, 6, line, new_x="LMARGIN", new_y="NEXT")

    def two_columns(self, rows: list[tuple[str, str]]) -> None:
        """A judgement table as two cells per row: label left, grade right."""
        for label, grade in rows:
            y = self.get_y()
            self.multi_cell(120, 6, label, new_x="RIGHT", new_y="TOP")
            self.set_xy(140, y)
            self.multi_cell(50, 6, grade, new_x="LMARGIN", new_y="NEXT")
            self.ln(2)

    def bytes(self) -> bytes:
        return bytes(self.output())


BOILERPLATE = [
    "Ofsted has a duty to inspect services for children; this closing text is the same in every report.",
    "If you would like a copy of this document in a different format, such as large print, please ask.",
    "This report is available at https://reports.ofsted.gov.uk/.",
    "© Crown copyright 2024",
]

FILLER = ("Practitioners visit children regularly and know them well. Managers oversee most plans, although the "
          "quality of supervision records varies between teams and some plans lack clear timescales.")


def single_inspection_report(authority: list[str], headline: list[str], rows: list[str],
                             dates: str = "Inspection date: 2 March 2015 - 26 March 2015") -> bytes:
    """A 2013-17 single inspection framework report: the authority's name above
    the long title, the dates, a headline and the numbered judgements."""
    pdf = ReportPDF(running=(authority[0], "Inspection report"))
    pdf.add_page()
    pdf.lines(*authority, "Inspection of services for children in need of help and",
              "protection, children looked after and care leavers", "and",
              "Review of the effectiveness of the Local Safeguarding Children", "Board",
              dates, "Report published: 14 May 2015", *headline, *rows)
    pdf.add_page()
    pdf.lines("Contents", "The local authority 3", FILLER * 4)
    pdf.add_page()
    pdf.lines(FILLER * 3, "The inspection team", "Lead inspector: Harriet Okonjo", *BOILERPLATE)
    return pdf.bytes()


def ilacs_front(*front: str, rows: tuple[str, ...] = ()) -> bytes:
    """The front page of a 2018- local authority children's services report,
    its lines as given, then a judgement table and a summary."""
    pdf = ReportPDF()
    pdf.add_page()
    pdf.lines(*front, "Lead inspector: Colm Baxter", "Her Majesty's Inspector", "Judgement Grade", *rows, FILLER)
    pdf.add_page()
    pdf.lines("What needs to improve?", FILLER * 3)
    return pdf.bytes()


ILACS_ROWS = ("The impact of leaders on social work practice with children", "and families", "Good",
              "The experiences and progress of children who need help and", "protection",
              "Requires improvement", "to be good",
              "The experiences and progress of children in care and care", "leavers", "Good",
              "Overall effectiveness Good")
