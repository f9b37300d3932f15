"""ESC PQRS: the ``sync`` package and its ``esc-sync`` command.

The Odoo add-on ``esc_pqrs_module`` is not installed by this file: it is put on an Odoo 18
addons path (see README.md), and its own Python needs are in ``odoo-requirements.txt``.
"""

from pathlib import Path

from setuptools import find_packages, setup

HERE = Path(__file__).resolve().parent

setup(
    name="esc-pqrs",
    version="0.1.0",
    description="Sync layer of ESC PQRS: pushes customer data and PQRS from other systems "
    "into Odoo 18 and pulls decisions back",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="LGPL-3.0-or-later",
    python_requires=">=3.10",
    packages=find_packages(include=["sync", "sync.*"]),
    install_requires=[
        "odoorpc>=0.10.1,<0.11",
        "pydantic>=2.6,<3",
        "PyYAML>=6.0,<7",
        "phonenumbers>=8.13,<10",
        "python-stdnum>=1.19,<3",
        "pycountry>=23.12,<27",
        "email-validator>=2.1,<3",
        # typing.Self is 3.11+; the package runs on Odoo 18's minimum, 3.10.
        "typing_extensions>=4.6",
    ],
    extras_require={
        "test": [
            "pytest>=8.0,<10",
            "ruff>=0.17,<0.18",
            "pylint-odoo>=10.0,<11",
            "polib>=1.2,<2",
            "lxml>=5.0,<7",
        ],
    },
    entry_points={"console_scripts": ["esc-sync=sync.cli:main"]},
)
