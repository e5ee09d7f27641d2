"""System checks of a deployment: what would make every page fail is said before it does."""

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core import checks


def static_files_problem():
    """Why the hashed static files cannot be served (None if they can).

    With ARCHIVE_ENV=production every page names its CSS and scripts by the hashes in the
    manifest that `collectstatic` writes; without it, rendering any page fails with "Missing
    staticfiles manifest entry" (a 500 for every visitor).
    """
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return None
    storage = staticfiles_storage
    try:
        found = storage.manifest_storage.exists(storage.manifest_name) and storage.load_manifest()
    except ValueError as error:  # a manifest that is not JSON, or of another format
        found, reason = None, f"its manifest cannot be read ({error})"
    else:
        reason = "they have not been collected"
    if found:
        return None
    return (
        f"Static files cannot be served: {reason} into STATIC_ROOT ({storage.location}), and "
        "every page would answer 500 (Missing staticfiles manifest entry). Run "
        "`manage.py collectstatic --noinput` with the same settings."
    )


@checks.register(checks.Tags.staticfiles, deploy=True)
def check_static_files(app_configs=None, **kwargs):
    """`check --deploy`: the hashed static files production serves have been collected."""
    problem = static_files_problem()
    if problem is None:
        return []
    return [
        checks.Error(
            problem,
            hint="Collect them after each deployment, before starting the web workers.",
            id="archive.E001",
        )
    ]
