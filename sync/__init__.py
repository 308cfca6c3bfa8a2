"""SharePoint publishing: the communication site carries what staff read in Teams.

``rules/`` makes the pages (``pages``) and the teams' card files (``files``) from the content
model and plans what a run must do (pure);
``client`` is the SharePoint REST client (office365-rest-python-client, msal certificate);
``publisher`` carries out a plan step by step, recording each step in ``store.sharepoint``;
``printer`` is what it needs to print a team's outage card (built from ``printing`` by
``wiring`` and ``cli``, as the two features may not import each other);
``service`` ties them to the settings; ``feature`` is ``publiceer`` in Teams and the nightly run;
the command line is ``cli/sync.py``.

Extension point: another kind of content on the site is a builder in ``rules/pages.py`` (a page,
added to :func:`~sync.rules.pages.language_pages`); another document goes as the teams' cards
do (a spec in ``rules/files.py``, its kind in ``FILE_KINDS``, uploaded by the publisher); a
list, such as readiness figures, uses the client's ``add_list_item`` / ``update_list_item``
(tested against the fake site) with a target kind and steps of its own in the publisher,
recorded in the same table by key.
"""
