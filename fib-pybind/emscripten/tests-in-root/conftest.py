import sys
from pathlib import Path

# The modules under test are scripts in the folder above, not an installed package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
