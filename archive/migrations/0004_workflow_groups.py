"""The three roles of the workbench as groups: Curator, Reviewer, Administrator.

The roles are defined in archive/curation/roles.py, which also keeps them in step after every migrate.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from archive.curation.roles import GROUPS, sync_roles


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_roles(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0003_workflow_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
