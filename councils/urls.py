from django.urls import path

from councils import views

app_name = "councils"

urlpatterns = [
    path("", views.council_list, name="list"),
    path("moi/", views.council_create, name="council-create"),
    path("<int:pk>/", views.council_detail, name="council-detail"),
    path("<int:pk>/sua/", views.council_edit, name="council-edit"),
    path("<int:pk>/thanh-vien/them/", views.member_add, name="member-add"),
    path("<int:pk>/phien-hop/moi/", views.session_create, name="session-create"),
    path("thanh-vien/<int:pk>/xoa/", views.member_remove, name="member-remove"),
    path("phien-hop/<int:pk>/", views.session_detail, name="session-detail"),
    path("phien-hop/<int:pk>/chuong-trinh/", views.agenda_build, name="agenda-build"),
    path("phien-hop/<int:pk>/mo/", views.session_open, name="session-open"),
    path("phien-hop/<int:pk>/ket-thuc/", views.session_close, name="session-close"),
    path("phien-hop/<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("phien-hop/<int:pk>/bo-phieu/", views.ballot, name="ballot"),
    path("phien-hop/<int:pk>/phieu-van-ban/", views.written_ballot, name="written-ballot"),
    path("phien-hop/<int:pk>/dinh-chinh/", views.act_record, name="act-record"),
    path("phien-hop/<int:pk>/tai-len/", views.file_upload, name="file-upload"),
    path("phien-hop/<int:pk>/van-ban/<str:which>.<str:fmt>", views.document, name="document"),
    path("muc/<int:pk>/bieu-quyet/", views.open_count, name="open-count"),
    path("tep/<int:pk>/", views.file_download_view, name="file-download"),
]
