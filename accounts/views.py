import base64
import io
import math

from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Max, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.forms import TokenForm
from accounts.ip import client_ip
from accounts.middleware import SESSION_SECOND_FACTOR_KEY
from accounts.policy import second_factor_enabled, second_factor_required

SETUP_SESSION_KEY = "accounts.setup_device"


def lockout(request, original_response=None, credentials=None):
    """The page django-axes shows instead of the login form: when the lock ends, in Vietnamese."""
    username = get_client_username(request, credentials) or ""
    address = client_ip(request)
    last = AccessAttempt.objects.filter(Q(username=username) | Q(ip_address=address)).aggregate(
        last=Max("attempt_time")
    )["last"]
    cool_off = get_cool_off(request)
    until = timezone.localtime((last or timezone.now()) + cool_off)
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60))
    context = {"until": until, "minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/lockout.html", context, status=429)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _passed(request):
    request.session[SESSION_SECOND_FACTOR_KEY] = ""
    return redirect(_next_url(request))


@login_required
def verify(request):
    if request.user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.second_factor_verify(request=request, token=form.cleaned_data["token"])
        except ValidationError as exc:
            form.add_error("token", exc)
        else:
            return _passed(request)
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


def _qr_data_uri(url: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def setup(request):
    """Set up an authenticator app: scan the code (or type the key), confirm with a code it shows."""
    user = request.user
    if second_factor_enabled(user) and not user.is_verified():
        return redirect("accounts:verify")
    device = TOTPDevice.objects.filter(pk=request.session.get(SETUP_SESSION_KEY), user=user, confirmed=False).first()
    if device is None:
        device = services.totp_device_start(user=user)
        request.session[SETUP_SESSION_KEY] = device.pk
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_device_confirm(request=request, device=device, token=form.cleaned_data["token"])
        except ValidationError as exc:
            form.add_error("token", exc)
        else:
            request.session.pop(SETUP_SESSION_KEY, None)
            request.session[SESSION_SECOND_FACTOR_KEY] = ""
            return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": _next_url(request)})
    secret = base64.b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr": _qr_data_uri(device.config_url),
        "required": second_factor_required(user),
        "next": _next_url(request),
    }
    return render(request, "accounts/setup.html", context)


@login_required
def security(request):
    user = request.user
    context = {"enabled": second_factor_enabled(user), "required": second_factor_required(user)}
    return render(request, "accounts/security.html", context)


@login_required
@require_POST
def recovery_codes(request):
    """New recovery codes, shown once (only after the second factor was passed in this session)."""
    if not (second_factor_enabled(request.user) and request.user.is_verified()):
        return redirect("accounts:security")
    codes = services.recovery_codes_replace(user=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": ""})
