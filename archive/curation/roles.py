"""The workbench's three roles as groups: Curator, Reviewer, Administrator.

Curators bring documents in, correct them, write notes and submit memos for review; reviewers
also vouch for reviewed fields, publish, withdraw and merge; administrators may do everything,
users included. The groups are made by a migration and kept in step after every `migrate`
(and every flush), so a permission added later reaches its role; a permission an
administrator gave a group by hand is never taken away.
"""

CURATOR = {
    "memo": ["view", "add", "change", "submit"],
    "redaction": ["view", "add", "change", "delete"],
    "note": ["view", "add", "change", "delete"],
    "job": ["view", "add"],
    "collection": ["view", "add", "change"],
    "releasegroup": ["view", "add", "change"],
    "memoalias": ["view"],
    "statuschange": ["view"],
    "page": ["view"],
    "entity": ["view", "change"],
    "mention": ["view", "add", "change", "delete"],
    "suppression": ["view", "add"],
    # Readers' error reports: read, accepted or dismissed; never written by staff.
    "readerreport": ["view", "change"],
}
REVIEWER_EXTRA = {
    "memo": ["review", "publish", "withdraw", "merge"],
    "job": ["change", "delete"],
    "entity": ["add"],
    "memoalias": ["add", "change"],
    # Lifting a suppression shows personal data again: a reviewer's decision.
    "suppression": ["delete"],
}
GROUPS = ("Curator", "Reviewer", "Administrator")


def _codenames(spec):
    return {f"{action}_{model}" for model, actions in spec.items() for action in actions}


def sync_roles(apps):
    """Create the groups if missing and give each the permissions of its role."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    archive = Permission.objects.filter(content_type__app_label="archive")
    curator = _codenames(CURATOR)
    wanted = {
        "Curator": archive.filter(codename__in=curator),
        "Reviewer": archive.filter(codename__in=curator | _codenames(REVIEWER_EXTRA)),
        "Administrator": Permission.objects.filter(
            content_type__app_label__in=["archive", "auth", "admin"]
        ),
    }
    for name, permissions in wanted.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def after_migrate(sender, apps=None, **kwargs):
    """post_migrate receiver (the permissions of the archive exist by then).

    `migrate` passes the models as migrated; `flush` (between transactional tests) passes none.
    """
    if apps is None:
        from django.apps import apps
    sync_roles(apps)
