"""The campaigns app's pages, one module per area: movements and pledges, events, media
coverage and columns, contests, inspections, difficulties, units' regulations and budgets,
and the files of movements and events. Most are record kinds of the kit
(``exemplar_portal.base.kit``)."""
