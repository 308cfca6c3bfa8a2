"""SharePoint publishing: the communication site carries what staff read in Teams.

``rules/`` makes the pages (``pages``) and the teams' card files (``files``) from the content
model and plans what a run must do (pure);
``client`` is the SharePoint REST client (office365-rest-python-client, msal certificate);
``publisher`` carries out a plan step by step, recording each step in ``store.sharepoint``;
``printer`` is what it needs to print a team's outage card, and ``readiness`` the readiness
rows for the list (``rules/items``), both built by ``wiring`` and ``cli`` from ``printing`` and
``readiness``, as features may not import each other;
``service`` ties them to the settings; ``feature`` is ``publiceer`` in Teams and the nightly run;
the command line is ``cli/sync.py``.

Extension point: another kind of content on the site is a builder in ``rules/pages.py`` (a page,
added to :func:`~sync.rules.pages.language_pages`); another document goes as the teams' cards
do (a spec in ``rules/files.py``, its kind in ``FILE_KINDS``, uploaded by the publisher); another
list goes as the readiness list does (a spec in ``rules/items.py``, its kind in ``ITEM_KINDS``,
found by its key column, added, updated or recycled by the publisher), recorded in the same
table by key.
"""
