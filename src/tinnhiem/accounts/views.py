from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from tinnhiem.accounts.models import Role, RoleGrant
from tinnhiem.accounts.services import role_grant, role_revoke
from tinnhiem.core import permissions, values
from tinnhiem.core.pages import body_for, run


@login_required
def people(request: HttpRequest, body_id: int) -> HttpResponse:
    """The body's users and roles, for its administrators."""
    body = body_for(request, body_id, permissions.ADMINISTER)
    typed: dict[str, str] = {}
    if request.method == "POST":
        if "revoke" in request.POST:
            grant_id = values.record_id(request.POST, "revoke", ("Quyền cần bỏ", "Role to remove"))
            grant = get_object_or_404(RoleGrant, pk=grant_id, body=body)
            run(request, role_revoke, ("Đã bỏ quyền", "Role removed"), grant=grant)
            return redirect("people", body_id=body.pk)
        typed = {key: request.POST.get(key, "") for key in ("username", "role", "full_name")}
        granted = run(
            request,
            role_grant,
            ("Đã phân quyền", "Role granted"),
            body=body,
            password=request.POST.get("password", ""),
            **typed,
        )
        if granted is not None:
            return redirect("people", body_id=body.pk)
    grants = (
        RoleGrant.objects.filter(body=body)
        .select_related("user")
        .order_by("user__username", "role")
    )
    context = {"body": body, "grants": grants, "roles": Role.values, "typed": typed}
    return render(request, "accounts/people.html", context)
