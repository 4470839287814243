from corridor.reference.names import fold_name, short_unit_name, slugify


def test_fold_name_removes_case_and_diacritics_including_d_stroke() -> None:
    assert fold_name("KCN Phố Nối A") == "kcn pho noi a"
    assert fold_name("ĐÌNH VŨ") == "dinh vu"
    assert fold_name("  Hải   Dương ") == "hai duong"


def test_fold_name_handles_precomposed_and_decomposed_input() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Quảng Ninh")
    assert fold_name(decomposed) == fold_name("Quảng Ninh") == "quang ninh"


def test_slugify_and_short_names() -> None:
    assert slugify("KKT Đình Vũ – Cát Hải") == "kkt-dinh-vu-cat-hai"
    assert short_unit_name("Tỉnh Hải Dương") == "Hải Dương"
    assert short_unit_name("Thành phố Hải Phòng") == "Hải Phòng"
