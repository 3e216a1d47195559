import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_out_of_scope_object_answers_a_vietnamese_404(world, client_for):
    client = client_for(world.users["school_clerk"])
    response = client.get(reverse("units:unit-detail", args=[world.school_b1.pk]))
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_wrong_role_answers_a_vietnamese_403(world, client_for):
    client = client_for(world.users["school_clerk"])
    response = client.get(reverse("units:unit-create-child", args=[world.school_a1.pk]))
    assert response.status_code == 403
    assert "Bạn không có quyền" in response.content.decode()


def test_uploaded_files_are_not_served_outside_the_scoped_views_even_in_debug(settings):
    import importlib

    from django.urls import Resolver404, resolve

    import config.urls

    settings.DEBUG = True
    try:
        debug_urls = importlib.reload(config.urls)
        with pytest.raises(Resolver404):
            resolve("/media/deliverables/1/1/v1/bao-cao.pdf", urlconf=debug_urls)
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
