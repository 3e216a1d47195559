from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from units import selectors, services


@login_required
def home(request):
    user = request.user
    context = {
        "unit": user.unit,
        "ancestors": selectors.unit_ancestors(user.unit) if user.unit else [],
        "children": selectors.unit_children(user.unit)[:50] if user.unit and user.sees_subtree else [],
    }
    return render(request, "units/home.html", context)


@login_required
def notification_list(request):
    notifications = selectors.notifications_for(request.user)[:100]
    return render(request, "units/notification_list.html", {"notifications": notifications})


@login_required
@require_POST
def notification_mark_read(request):
    ids = request.POST.getlist("id") or None
    services.notifications_mark_read(user=request.user, ids=[int(i) for i in ids if i.isdigit()] if ids else None)
    if request.htmx:
        return render(request, "units/_bell.html", {"unread_notifications": 0 if ids is None else None})
    return redirect("units:notification-list")
