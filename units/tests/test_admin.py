import pytest
from django.contrib import admin
from django.urls import reverse

from units.tests.factories import UserFactory

UNIT_MODELS = [m for m in admin.site._registry if m._meta.app_label == "units"]


@pytest.mark.parametrize("model", UNIT_MODELS, ids=[m.__name__ for m in UNIT_MODELS])
def test_admin_changelist_renders_for_every_units_model(model, world, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    opts = model._meta
    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert (opts.model_name, changelist.status_code) == (opts.model_name, 200)
