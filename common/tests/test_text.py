from common.text import clean, fold, person_sort_key, sort_key


def test_clean_normalises_to_nfc_and_collapses_spaces():
    decomposed = "Nguye\u0302\u0303n  Va\u0306n\tAn "
    assert clean(decomposed) == "Nguyễn Văn An"


def test_fold_strips_diacritics_and_d_stroke():
    assert fold("Nguyễn Đức Ánh") == "nguyen duc anh"


def test_sort_key_follows_vietnamese_alphabet():
    words = ["đào", "dương", "ân", "an", "ăn", "bình", "ơn", "ôn", "on", "ưu", "uy"]
    assert sorted(words, key=sort_key) == ["an", "ăn", "ân", "bình", "dương", "đào", "on", "ôn", "ơn", "uy", "ưu"]


def test_sort_key_orders_tones_after_letters():
    assert sorted(["má", "mà", "ma", "mạ", "mả", "mã"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_person_sort_key_sorts_by_given_name_first():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Anh", "Phạm Đức Anh"]
    assert sorted(names, key=person_sort_key) == ["Nguyễn Thị An", "Lê Anh", "Phạm Đức Anh", "Trần Văn Bình"]


def test_sort_keys_are_plain_lowercase_ascii_so_every_database_orders_them_alike():
    key = person_sort_key("Đặng Thị Ánh Tuyết")
    assert key.isascii() and key.isalpha() and key == key.lower()
