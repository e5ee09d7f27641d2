"""The curator's note form: write a note on a passage of a memo, from the memo page.

/memos/<slug>/notes/new/?start=&end= opens the form on the passage at those offsets (the memo
page can link there from a selection); without offsets, the curator types the passage and it
is found in the text. /memos/<slug>/notes/<id>/edit/ changes a note's text or visibility.
Staff only, with the note permissions; works on memos of any status (a draft is annotated
before it is published). The note keeps its passage with the text around it, so it is found
again after a correction.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView

from archive.admin.notes import anchor_note, check_span
from archive.choices import Status
from archive.curation.anchoring import selector
from archive.models import Memo, Note, Visibility

MAX_PASSAGE = 5000


class NoteForm(forms.Form):
    """A note and the passage it is on."""

    start = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    end = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)
    passage = forms.CharField(
        required=False,
        max_length=MAX_PASSAGE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The words the note is about, exactly as in the text (if not chosen already).",
    )
    body = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        help_text="Markdown: *emphasis*, [links](https://…). HTML is not kept.",
    )
    visibility = forms.ChoiceField(
        choices=Visibility.choices,
        initial=Visibility.INTERNAL,
        help_text="Public notes are shown to readers and searchable.",
    )

    def __init__(self, *args, memo, editing=False, **kwargs):
        self.memo = memo
        self.editing = editing
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("start", "end", "passage"):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        if self.editing:
            return data
        text = self.memo.text
        start, end, passage = data.get("start"), data.get("end"), data.get("passage") or ""
        if start is not None and end is not None:
            error = check_span(start, end, text)
            if error:
                raise forms.ValidationError(error)
        elif passage.strip():
            passage = passage.strip().replace("\r\n", "\n")
            count = text.count(passage)
            if count == 0:
                self.add_error("passage", "These words are not in the text, exactly so.")
            elif count > 1:
                self.add_error(
                    "passage",
                    f"These words appear {count} times in the text: add a few words around them.",
                )
            else:
                data["start"] = text.find(passage)
                data["end"] = data["start"] + len(passage)
        else:
            self.add_error("passage", "Say which words of the text the note is about.")
        return data


class NoteFormView(FormView):
    """Write a new note on a passage, or edit one."""

    template_name = "archive/note_form.html"
    form_class = NoteForm

    def dispatch(self, request, *args, **kwargs):
        # Who may write is settled before any memo is looked up: drafts stay unseen.
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse(settings.LOGIN_URL))
        permission = "archive.change_note" if "pk" in kwargs else "archive.add_note"
        if not (user.is_staff and user.has_perm(permission)):
            raise PermissionDenied("You may not write notes.")
        self.memo = get_object_or_404(Memo, slug=kwargs["slug"])
        self.note = None
        if "pk" in kwargs:
            self.note = get_object_or_404(Note, pk=kwargs["pk"], memo=self.memo)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(memo=self.memo, editing=self.note is not None)
        if self.note is not None:
            kwargs["initial"] = {"body": self.note.body, "visibility": self.note.visibility}
        else:
            values = {key: self.request.GET.get(key, "") for key in ("start", "end")}
            kwargs["initial"] = {
                key: int(value)
                for key, value in values.items()
                if value.isascii() and value.isdigit() and len(value) < 10
            }
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memo"] = self.memo
        context["note"] = self.note
        span = None
        if self.note is not None:
            span = (self.note.start, self.note.end)
        else:
            initial = context["form"].initial
            if "start" in initial and "end" in initial:
                if check_span(initial["start"], initial["end"], self.memo.text) is None:
                    span = (initial["start"], initial["end"])
                else:
                    context["bad_span"] = True
        if span:
            context["anchor"] = selector(self.memo.text, *span, context=120)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        note = self.note or Note(memo=self.memo, author=self.request.user)
        note.body = data["body"]
        note.visibility = data["visibility"]
        if self.note is None:
            note.start, note.end = data["start"], data["end"]
            anchor_note(note, self.memo.text)
        note.save()
        if self.memo.status == Status.PUBLISHED:
            return redirect(self.memo.get_absolute_url() + f"#note-{note.pk}")
        return redirect(reverse("admin:archive_memo_change", args=[self.memo.pk]))


urlpatterns = [
    path("memos/<str:slug>/notes/new/", NoteFormView.as_view(), name="note-new"),
    path("memos/<str:slug>/notes/<int:pk>/edit/", NoteFormView.as_view(), name="note-edit"),
]
