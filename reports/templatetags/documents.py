"""Filters and tags of the printed documents."""

from django import template

from ..layout import GroupRow, StrongRow, cell_text

register = template.Library()


@register.filter
def doc_cell(value):
    """A table cell as a document shows it (``layout.cell_text``)."""
    return cell_text(value)


@register.filter
def get_item(mapping, key):
    """``mapping[key]`` in a template, or nothing."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def annex_heading(document, annex):
    return document.annex_heading(annex)


def _svg_number(value) -> str:
    """A coordinate in SVG: a dot for the decimals, whatever the locale."""
    return f"{value:g}" if isinstance(value, float) else str(value)


@register.simple_tag
def table_layout(table):
    """What the PDF draws of a ``layout.Table``: column widths in per cent, the header, each
    row's cells with their alignment (numbers right), group rows, the totals row, the bars."""
    columns = table.columns
    extra = 30 if table.bars else 0
    total = sum(column.width for column in columns) or 1
    # As text with a dot: CSS reads no decimal comma, whatever the locale.
    widths = [f"{column.width * (100 - extra) / total:.2f}" for column in columns]
    if extra:
        widths.append(str(extra))
    rows = []
    data_index = 0
    for row in table.rows:
        if isinstance(row, GroupRow):
            rows.append({"group": row.label})
            continue
        bars = None
        if table.bars is not None:
            bars = [
                {key: _svg_number(value) for key, value in bar.items()}
                for bar in table.bars[data_index]
            ]
        data_index += 1
        rows.append(
            {"cells": _cells(columns, row), "bars": bars, "totals": isinstance(row, StrongRow)}
        )
    totals = table.totals
    if totals:
        rows.append(
            {"cells": _cells(columns, totals), "totals": True, "bars": [] if extra else None}
        )
    return {
        "widths": widths,
        "headers": [column.header for column in columns] + ([""] if extra else []),
        "header_rows": table.header_rows,
        "rows": rows,
        "span": len(widths),
    }


def _cells(columns, row) -> list[dict]:
    return [
        {
            "text": doc_cell(cell),
            # Figures right-aligned; the ordinal number (STT) centred, as offices write it.
            "align": "doc-num"
            if column.numeric
            else ("doc-ord" if i == 0 and isinstance(cell, int) else ""),
        }
        for i, (column, cell) in enumerate(zip(columns, row, strict=False))
    ]
