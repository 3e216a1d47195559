"""URLs of registration (đăng ký thi đua), pacts (giao ước) and exemplars (điển hình)."""

urlpatterns: list = []
