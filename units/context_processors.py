from units.selectors import unread_notification_count


def portal(request):
    """The bell's unread count on every page (one cheap indexed count)."""
    user = getattr(request, "user", None)
    return {"unread_notifications": unread_notification_count(user) if user is not None else 0}
