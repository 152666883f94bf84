"""Runs Poetry with PyPI read through its simple index only.

Poetry reads release details from PyPI's JSON API, which this project's machines cannot reach
(it answers 404 here) while the simple index (PEP 503/691 pages, PEP 658 metadata files) that
pip uses works. Poetry already reads every other index that way (LegacyRepository), so PyPI
gets the same two methods. The repository stays Poetry's PyPI repository, so poetry.lock is
written exactly as on any other machine. Tied to the Poetry version pinned in requirements-dev.txt.
"""

import sys

from poetry.console.application import main
from poetry.repositories.legacy_repository import LegacyRepository
from poetry.repositories.pypi_repository import PyPiRepository

PyPiRepository._get_release_info = LegacyRepository._get_release_info  # type: ignore[method-assign]
PyPiRepository.find_links_for_package = LegacyRepository.find_links_for_package  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(main())
