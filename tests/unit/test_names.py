from corridor.reference.names import compare_vietnamese, fold_name, short_unit_name, slugify, vietnamese_sort_key


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


def test_vietnamese_sort_key_orders_letters_then_tones_then_case() -> None:
    names = ["Ưu", "Uy", "Đông", "Dương", "Bình Giang 5", "Bạch Đằng", "Ân", "Ăn", "Áo", "an", "An"]
    assert sorted(names, key=vietnamese_sort_key) == [
        "an", "An", "Áo", "Ăn", "Ân", "Bạch Đằng", "Bình Giang 5", "Dương", "Đông", "Uy", "Ưu",
    ]  # fmt: skip


def test_vietnamese_tones_break_ties_in_dictionary_order() -> None:
    # không dấu, huyền, hỏi, ngã, sắc, nặng
    assert sorted(["ạ", "á", "ã", "ả", "à", "a"], key=vietnamese_sort_key) == ["a", "à", "ả", "ã", "á", "ạ"]
    assert compare_vietnamese("Bạch", "Bình") == -1 and compare_vietnamese("Đa", "Da") == 1
