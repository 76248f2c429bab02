# Exercises for "torch.hub".
# depends: hub_demo/

# --8<-- [start:ex1]
from pathlib import Path

import torch

if "__file__" in globals():
    here = Path(__file__).resolve().parent
else:  # a notebook has no __file__: start it in the repository root
    here = Path("snippets/getting_started")
repo = str(here / "hub_demo")

model = torch.hub.load(repo, "tiny_mlp", source="local", in_features=5, out_features=3)
print(model(torch.zeros(10, 5)).shape)   # 10 samples in, 3 outputs each
# --8<-- [end:ex1]

# --8<-- [start:ex2]
import tempfile

hubconf = '''
dependencies = ["torch"]

from torch import nn


def scale(factor=2.0):
    """A model that multiplies its input by factor."""
    layer = nn.Linear(1, 1, bias=False)
    nn.init.constant_(layer.weight, factor)
    return layer
'''
with tempfile.TemporaryDirectory() as folder:
    (Path(folder) / "hubconf.py").write_text(hubconf)
    triple = torch.hub.load(folder, "scale", source="local", factor=3.0)
with torch.no_grad():
    print(triple(torch.tensor([[1.0], [2.0]])).flatten())
# --8<-- [end:ex2]

# --8<-- [start:ex3]
# raises: TypeError
print(torch.hub.load(repo, "tiny_mlp", source="local", hidden=4)[0])  # the fix
torch.hub.load(repo, "tiny_mlp", source="local", hiden=4)  # the bug: a misspelt argument
# --8<-- [end:ex3]
