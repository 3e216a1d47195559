"""Emulation clusters and blocks (cụm, khối thi đua)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from units import selectors, services
from units.forms import ClusterForm, add_service_errors
from units.views.shared import paginate, require


@login_required
def cluster_list(request):
    year = request.GET.get("nam_hoc", "")
    school_year = int(year) if year.isdigit() else None
    page = paginate(request, selectors.cluster_list(request.user, school_year=school_year))
    return render(request, "units/cluster_list.html", {"page": page, "school_year": school_year})


@login_required
def cluster_detail(request, pk):
    cluster = get_object_or_404(selectors.cluster_list(request.user), pk=pk)
    members = selectors.cluster_members(cluster)
    return render(request, "units/cluster_detail.html", {"cluster": cluster, "members": members})


@login_required
def cluster_create(request):
    require(request.user, "units.manage_clusters")
    organisers = selectors.unit_choices(request.user)
    form = ClusterForm(request.POST or None, user=request.user, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not request.user.has_perm("units.organise_cluster", data["organiser"]):
            form.add_error("organiser", _("You may not organise clusters for %s.") % data["organiser"].name)
        else:
            try:
                members = list(data.pop("members"))
                cluster = services.cluster_create(actor=request.user, members=members, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The cluster %(name)s was created.") % {"name": cluster.name})
                return redirect("units:cluster-detail", pk=cluster.pk)
    return render(
        request,
        "units/form_page.html",
        {"form": form, "title": _("New emulation cluster or block"), "submit": _("Create")},
    )
