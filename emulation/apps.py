from django.apps import AppConfig


class EmulationConfig(AppConfig):
    """Thi đua within a campaign: unit and individual registration, forwarding, pacts, exemplars."""

    name = "emulation"
    verbose_name = "Đăng ký, giao ước và điển hình"
