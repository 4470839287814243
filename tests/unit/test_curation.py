"""Maintainers' curation remarks are cut from public notes by a documented rule; the rest is kept."""

from __future__ import annotations

from corridor.registry.curation import public_note, public_status_note, public_value


def test_a_note_that_is_only_curation_is_not_public() -> None:
    assert public_note("secondary source (thesis excerpt); verify") is None
    assert public_note("PyPI vietnamadminunits 1.0.4 (MIT). address from industrial_zones.csv notes") is None


def test_public_clauses_stay_and_brackets_are_not_cut() -> None:
    note = 'github DuongNhuICE/imap layers/X_7.js (commit e8febe1): point "KCN A". coordinate is the park\'s port'
    assert public_note(note) == "coordinate is the park's port"
    assert public_note("phase 1 (235 ha; Hòa Phát) in xã Yên Mỹ") == "phase 1 (235 ha; Hòa Phát) in xã Yên Mỹ"


def test_raw_field_keys_and_record_ids_are_curation() -> None:
    assert public_note("states: name_vi; 40.26 ha") == "40.26 ha"
    assert public_note("fills BG_LC at commune level; gate at thôn Đồng Mô") == "gate at thôn Đồng Mô"


def test_a_status_note_that_repeats_the_status_is_dropped() -> None:
    assert public_status_note("operating", "operating") is None
    assert public_status_note("under construction", "under_construction") is None
    worded = "planned (1/2000 zoning plan approved)"
    assert public_status_note(worded, "planned") == worded


def test_a_curation_remark_is_cut_from_a_short_value() -> None:
    assert public_value("logistics real estate (verify)") == "logistics real estate"
    assert public_value("electronics (EMS)") == "electronics (EMS)"
    assert public_value("bán đảo Đình Vũ, quận Hải An (see zone_locations.csv)") == "bán đảo Đình Vũ, quận Hải An"
