"""Inlines whose inputs are labelled for screen readers."""

from django.contrib import admin


class LabelledTabularInline(admin.TabularInline):
    """A tabular inline whose inputs each carry their field's name: the table's column headings
    label them for the eye only."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """The form field, its widget named after the model field."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            label = str(field.label or db_field.verbose_name)
            field.widget.attrs.setdefault("aria-label", label[:1].upper() + label[1:])
        return field

    def get_formset(self, request, obj=None, **kwargs):
        """The inline's formset, its delete boxes named too."""
        base = super().get_formset(request, obj, **kwargs)

        class Labelled(base):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs.setdefault("aria-label", "Delete this row")

        Labelled.__name__ = base.__name__
        return Labelled
