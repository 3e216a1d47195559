"""With DEBUG off a crash answers the Vietnamese 500 page: no traceback, no English, no inline style."""

import pytest
from django.test import Client, override_settings
from django.urls import path


def _crash(request):
    raise RuntimeError("lỗi thử nghiệm: bí mật nội bộ")


urlpatterns = [path("hong/", _crash)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_crash_answers_the_vietnamese_500_page():
    response = Client(raise_request_exception=False).get("/hong/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống đang gặp lỗi" in page and "không có dữ liệu nào bị lưu dở dang" in page
    assert "bí mật nội bộ" not in page and "Traceback" not in page and "style=" not in page
    assert "script-src 'self'" in response["Content-Security-Policy"]
