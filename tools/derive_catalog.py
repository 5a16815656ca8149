#!/usr/bin/env python3
"""Derives src/catalog/years/YYYY.json from CMS's measure records.

Input: ../shared/data/pi-measures-YYYY.json (PI records of
CMSgov/qpp-measures-data, measures/YYYY/measures-data.json). Output: one file
per year with the fields pilint reads, plus the year's parameters, which are
kept by hand in YEAR_PARAMETERS below (each with its source). Run from the
repository root:

    python3 tools/derive_catalog.py ../shared/data

The binary embeds src/catalog/years/*.json at compile time (build.rs), so
adding a year is: add its parameters here, run this, add tests.
"""
import json
import pathlib
import sys

# Regulatory parameters per year; sources in ../shared/spec/scoring.md §2 and
# §11 (conflicting values across submissions) and json-format.md §3.1. Keep every value here so a change is a data change.
YEAR_PARAMETERS = {
    2023: {
        "provisional": False,
        "minimumPeriodDays": 90,
        "minimumPeriodSource": "2023 MIPS PI Quick Start Guide: a minimum of 90 continuous days",
        "saferGuideNoAccepted": True,
        "cehrtIdPatterns": ["XX15CXXXXXXXXXX", "XX15EXXXXXXXXXX"],
        "suppressed": [],
        "preProductionLimitWarning": False,
        "conflictingValuesScoreZero": True,
        "conflictingValuesSource": "2023 MIPS PI Quick Start Guide, Step 5: conflicting data for a single measure or required attestation sent through multiple submission types scores 0 for the category (scoring.md §11 M4)",
    },
    2024: {
        "provisional": False,
        "minimumPeriodDays": 180,
        "minimumPeriodSource": "2024 QPP PI overview: a minimum of 180 continuous days",
        "saferGuideNoAccepted": False,
        "cehrtIdPatterns": ["XX15CXXXXXXXXXX"],
        "suppressed": [],
        "preProductionLimitWarning": True,
        "conflictingValuesScoreZero": True,
        "conflictingValuesSource": "UNCONFIRMED: sources disagree whether the 2023 zero still applies in 2024 (PI Guide 2025: keep the highest from 2024; NAACOS 2026: a 2024 to 2025 change); scoring.md §11 M4",
    },
    2025: {
        "provisional": False,
        "minimumPeriodDays": 180,
        "minimumPeriodSource": "2025 MIPS PI Guide: a minimum of 180 continuous days",
        "saferGuideNoAccepted": False,
        "cehrtIdPatterns": ["XX15CXXXXXXXXXX", "2025CXXXXXXXXXX"],
        "suppressed": ["PI_PHCDRR_3"],
        "preProductionLimitWarning": True,
        "conflictingValuesScoreZero": False,
        "conflictingValuesSource": "PI Guide 2025 and NAACOS 2026: each submission is scored and the highest kept (scoring.md §11 M4)",
    },
    2026: {
        "provisional": False,
        "minimumPeriodDays": 180,
        "minimumPeriodSource": "NAACOS 2026 PI FAQ: a minimum of 180 continuous days",
        "saferGuideNoAccepted": False,
        "cehrtIdPatterns": ["XX15CXXXXXXXXXX", "2025CXXXXXXXXXX"],
        "suppressed": [],
        "preProductionLimitWarning": True,
        "conflictingValuesScoreZero": False,
        "conflictingValuesSource": "NAACOS 2026: each submission is scored and the highest kept (scoring.md §11 M4)",
    },
    2027: {
        "provisional": True,
        "minimumPeriodDays": 180,
        "minimumPeriodSource": "UNCONFIRMED: 2026 value carried over (no 2027 PI rule published)",
        "saferGuideNoAccepted": False,
        "cehrtIdPatterns": ["XX15CXXXXXXXXXX", "2025CXXXXXXXXXX"],
        "suppressed": [],
        "preProductionLimitWarning": True,
        "conflictingValuesScoreZero": False,
        "conflictingValuesSource": "UNCONFIRMED: 2026 policy carried over (no 2027 PI rule published)",
    },
}

# Parameters that are the same every year so far, kept per year so that a
# change is a data change. Sources: ../shared/spec/pi-measures.md §2
# (HIE options), json-format.md §3 (PI submission methods), scoring.md §8 P6
# (engagement level for bonus measures: UNCONFIRMED, an assumption).
COMMON_PARAMETERS = {
    "hieOptions": [["PI_HIE_1", "PI_HIE_4"], ["PI_HIE_5"], ["PI_HIE_6"]],
    "piSubmissionMethods": ["registry", "electronicHealthRecord"],
    "bonusEngagementLevelRequired": True,
}

KEPT_FIELDS = [
    "measureId", "title", "metricType", "objective", "reportingCategory", "isRequired",
    "isBonus", "exclusion", "substitutes", "preprod", "allowedPrograms",
    "firstPerformanceYear",
]


def main(data_dir):
    out_dir = pathlib.Path("src/catalog/years")
    out_dir.mkdir(parents=True, exist_ok=True)
    for year, params in YEAR_PARAMETERS.items():
        data = json.loads((pathlib.Path(data_dir) / f"pi-measures-{year}.json").read_text())
        measures = []
        for record in data["measures"]:
            kept = {k: record.get(k) for k in KEPT_FIELDS}
            kept["title"] = " ".join((kept["title"] or "").split())
            for k in ("exclusion", "substitutes", "preprod"):
                kept[k] = kept[k] or []
            measures.append(kept)
        measures.sort(key=lambda m: m["measureId"])
        doc = {
            "performanceYear": year,
            **params,
            **COMMON_PARAMETERS,
            "source": {
                "repository": data["source"]["repository"],
                "path": data["source"]["path"],
                "commit": data["source"]["commit"],
            },
            "suppressionNotes": data["derived"].get("suppressionNotes", {}),
            "measures": measures,
        }
        (out_dir / f"{year}.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
        print(f"{year}: {len(measures)} measures")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
