import pytest
from django.contrib.auth.models import Group

from common.bulk import copy_rows


@pytest.mark.postgres
def test_copy_rows_writes_text_with_tabs_backslashes_and_line_breaks_unchanged(db):
    names = ["Tổ Toán\tTin", "C:\\đường dẫn", "hai\ndòng", "\\N", "Tổ Văn"]
    assert copy_rows(Group, ("name",), ([name] for name in names), chunk=2) == 5
    assert list(Group.objects.order_by("pk").values_list("name", flat=True)) == names


def test_copy_rows_refuses_a_field_the_model_does_not_have(db):
    with pytest.raises(ValueError) as refused:
        copy_rows(Group, ("title",), [])
    assert str(refused.value) == "auth.Group has no field 'title'."
