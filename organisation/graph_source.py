"""The organisation's people from Microsoft Graph: department and manager of every account.

Uses the app's own credentials from the settings (docs/decisions.md #26), which then need the
application permission ``User.Read.All``.
"""

from __future__ import annotations

from directory.graph import GraphDirectory
from organisation.rules.chart import Chart
from organisation.rules.graph_match import DirectoryEntry, GraphPlacement, place


async def read_graph(directory: GraphDirectory, chart: Chart) -> GraphPlacement:
    """Every enabled account's department and manager, placed in ``chart``.

    Raises:
        directory.errors.DirectoryError: no permission, or Graph unavailable.
    """
    users = await directory.users()
    return place(chart, (DirectoryEntry(u.object_id, u.department, u.manager_id) for u in users))
