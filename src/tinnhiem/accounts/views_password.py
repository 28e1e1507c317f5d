"""The user's own account: changing one's password."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.password_validation import password_validators_help_texts
from django.contrib.auth.views import PasswordChangeView
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy

from tinnhiem.accounts.services import password_change
from tinnhiem.core.i18n import choose


class PasswordChange(PasswordChangeView):
    """Django's view and form (the current password, the new one twice, every validator), in
    the site's look; the change itself goes through the service, which writes the audit row."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**kwargs) | {"rules": password_validators_help_texts()}

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        password_change(actor=form.user, password=form.cleaned_data["new_password1"])
        update_session_auth_hash(self.request, form.user)  # stay logged in here, not elsewhere
        messages.success(self.request, choose("Đã đổi mật khẩu", "Password changed"))
        return HttpResponseRedirect(self.get_success_url())
