from django.urls import path

from units.views import account, cluster, home, imports, person, unit

app_name = "units"

urlpatterns = [
    path("", home.home, name="home"),
    path("thong-bao/", home.notification_list, name="notification-list"),
    path("thong-bao/da-doc/", home.notification_mark_read, name="notification-mark-read"),
    # Units
    path("don-vi/", unit.unit_list, name="unit-list"),
    path("don-vi/xuat-excel/", unit.unit_export, name="unit-export"),
    path("don-vi/goi-y/", unit.unit_suggest, name="unit-suggest"),
    path("don-vi/them-cap-cao-nhat/", unit.unit_create_root, name="unit-create-root"),
    path("don-vi/<int:pk>/", unit.unit_detail, name="unit-detail"),
    path("don-vi/<int:pk>/sua/", unit.unit_edit, name="unit-edit"),
    path("don-vi/<int:pk>/them-don-vi/", unit.unit_create_child, name="unit-create-child"),
    path("don-vi/<int:pk>/doi-ten/", unit.unit_rename, name="unit-rename"),
    path("don-vi/<int:pk>/sap-nhap/", unit.unit_merge, name="unit-merge"),
    path("don-vi/<int:pk>/chia-tach/", unit.unit_split, name="unit-split"),
    path("don-vi/<int:pk>/chuyen/", unit.unit_move, name="unit-move"),
    path("don-vi/<int:pk>/them-ca-nhan/", person.person_create, name="person-create"),
    # People
    path("ca-nhan/", person.person_list, name="person-list"),
    path("ca-nhan/xuat-excel/", person.person_export, name="person-export"),
    path("ca-nhan/<int:pk>/", person.person_detail, name="person-detail"),
    path("ca-nhan/<int:pk>/sua/", person.person_edit, name="person-edit"),
    path("ca-nhan/<int:pk>/chuyen-cong-tac/", person.person_transfer, name="person-transfer"),
    path("ca-nhan/<int:pk>/ngung-cong-tac/", person.person_deactivate, name="person-deactivate"),
    # Emulation clusters and blocks
    path("cum-thi-dua/", cluster.cluster_list, name="cluster-list"),
    path("cum-thi-dua/them/", cluster.cluster_create, name="cluster-create"),
    path("cum-thi-dua/<int:pk>/", cluster.cluster_detail, name="cluster-detail"),
    # Accounts
    path("tai-khoan/", account.account_list, name="account-list"),
    path("tai-khoan/them/", account.account_create, name="account-create"),
    path("tai-khoan/chon-don-vi/", account.account_unit_picker, name="account-unit-picker"),
    path("tai-khoan/tu-danh-sach-ca-nhan/", account.account_bulk, name="account-bulk"),
    path("tai-khoan/<int:pk>/sua/", account.account_edit, name="account-edit"),
    path("tai-khoan/<int:pk>/ngung/", account.account_deactivate, name="account-deactivate"),
    path("tai-khoan/<int:pk>/kich-hoat-lai/", account.account_reactivate, name="account-reactivate"),
    path("tai-khoan/<int:pk>/gui-lai-loi-moi/", account.account_resend_invitation, name="account-resend-invitation"),
    path("kich-hoat-tai-khoan/<uidb64>/<token>/", account.account_activate, name="account-activate"),
    # Excel import
    path("nhap-du-lieu/", imports.import_start, name="import-start"),
    path("nhap-du-lieu/mau/<slug:kind>/", imports.import_template, name="import-template"),
    path("nhap-du-lieu/<int:pk>/", imports.import_preview, name="import-preview"),
    path("nhap-du-lieu/<int:pk>/xac-nhan/", imports.import_confirm, name="import-confirm"),
    path("nhap-du-lieu/<int:pk>/huy/", imports.import_cancel, name="import-cancel"),
]
