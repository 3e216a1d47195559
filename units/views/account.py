"""Accounts in the portal: list, create (with a unit picker that searches the tree), create in bulk
from people, deactivate, resend the invitation, and the invited person's set-password page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.views import apply_errors, flash_errors
from units import accounts, selectors
from units.forms import AccountDeactivateForm, AccountEditForm, AccountForm, BulkAccountForm, UnitFilterForm
from units.models import Unit
from units.views.shared import paginate, require, wants_fragment

BULK_LIMIT = 200


@login_required
def account_list(request):
    require(request.user, "units.manage_accounts")
    form = UnitFilterForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    page = paginate(request, selectors.account_list(request.user, query=query))
    context = {"form": form, "page": page}
    if wants_fragment(request):
        return render(request, "units/_account_table.html", context)
    return render(request, "units/account_list.html", context)


def _chosen_unit(user, value) -> Unit | None:
    if not str(value or "").isdigit():
        return None
    return selectors.visible_units(user).filter(pk=int(value)).first()


@login_required
def account_unit_picker(request):
    """HTMX: the units matching what was typed, or the picker with one unit chosen."""
    require(request.user, "units.manage_accounts")
    chosen = _chosen_unit(request.user, request.GET.get("chosen"))
    if chosen is not None:
        return render(request, "units/_unit_picker.html", {"chosen": chosen})
    units = selectors.unit_picker(request.user, query=request.GET.get("unit_query", ""))
    return render(request, "units/_unit_picker_results.html", {"units": units, "query": request.GET.get("unit_query")})


@login_required
def account_create(request):
    user = request.user
    require(user, "units.manage_accounts")
    form = AccountForm(request.POST or None, user=user, initial={"unit": request.GET.get("unit")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = accounts.account_create(actor=user, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("The account %(username)s was created; an invitation was sent to %(email)s.")
                % {"username": account.username, "email": account.email},
            )
            return redirect("units:account-list")
    chosen = form.cleaned_data.get("unit") if form.is_bound and hasattr(form, "cleaned_data") else None
    chosen = chosen or _chosen_unit(user, request.POST.get("unit") or request.GET.get("unit"))
    return render(request, "units/account_form.html", {"form": form, "chosen": chosen})


@login_required
def account_bulk(request):
    """Choose people (who have no account yet) → accounts with generated usernames → invitations."""
    user = request.user
    require(user, "units.manage_accounts")
    filters = UnitFilterForm(request.GET or None)
    query = filters.cleaned_data["q"] if filters.is_bound and filters.is_valid() else ""
    people = selectors.people_without_account(user, query=query)
    form = BulkAccountForm(request.POST or None, user=user, people=people)
    if request.method == "POST" and form.is_valid():
        created, skipped = accounts.accounts_create_for_people(
            actor=user, people=form.cleaned_data["people"], roles=form.cleaned_data["roles"]
        )
        return render(request, "units/account_bulk_done.html", {"created": created, "skipped": skipped})
    shown = list(people[:BULK_LIMIT])
    return render(
        request,
        "units/account_bulk.html",
        {"form": form, "filters": filters, "people": shown, "more": len(shown) == BULK_LIMIT},
    )


@login_required
@require_POST
def account_deactivate(request, pk):
    require(request.user, "units.manage_accounts")
    account = get_object_or_404(selectors.account_list(request.user), pk=pk)
    require(request.user, "units.change_account", account)
    form = AccountDeactivateForm(request.POST)
    try:
        accounts.account_deactivate(
            actor=request.user, account=account, reason=form.cleaned_data["reason"] if form.is_valid() else ""
        )
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The account %(username)s can no longer log in.") % {"username": account.username})
    return redirect("units:account-list")


@login_required
def account_edit(request, pk):
    """Change an account's roles, name or email (the officer's subtree, clerk and head accounts)."""
    require(request.user, "units.manage_accounts")
    account = get_object_or_404(selectors.account_list(request.user), pk=pk)
    require(request.user, "units.change_account", account)
    initial = {"full_name": account.full_name, "email": account.email, "roles": [r.value for r in account.roles]}
    form = AccountEditForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            accounts.account_update(actor=request.user, account=account, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The account %(username)s was saved.") % {"username": account.username})
            return redirect("units:account-list")
    return render(request, "units/account_edit.html", {"form": form, "account": account})


@login_required
@require_POST
def account_reactivate(request, pk):
    require(request.user, "units.manage_accounts")
    account = get_object_or_404(selectors.account_list(request.user, active=False), pk=pk)
    require(request.user, "units.change_account", account)
    try:
        accounts.account_reactivate(actor=request.user, account=account)
    except ValidationError as exc:
        flash_errors(request, exc)
    else:
        messages.success(request, _("The account %(username)s can log in again.") % {"username": account.username})
    return redirect("units:account-list")


@login_required
@require_POST
def account_resend_invitation(request, pk):
    require(request.user, "units.manage_accounts")
    account = get_object_or_404(selectors.account_list(request.user, active=True), pk=pk)
    require(request.user, "units.change_account", account)
    accounts.account_send_invitation(user=account)
    messages.success(request, _("A new invitation was sent to %(email)s.") % {"email": account.email})
    return redirect("units:account-list")


def account_activate(request, uidb64, token):
    """The link in the invitation: choose a password (no login needed; the token is the proof)."""
    account = accounts.invited_account(uidb64, token)
    if account is None:
        return render(request, "units/account_activate.html", {"invalid": True})
    form = SetPasswordForm(account, request.POST or None)
    if request.method == "POST" and form.is_valid():
        accounts.account_set_password(account=account, password=form.cleaned_data["new_password1"])
        messages.success(
            request, _("Your password is set. Log in with the username %(username)s.") % {"username": account.username}
        )
        return redirect("login")
    return render(request, "units/account_activate.html", {"form": form, "account": account})
