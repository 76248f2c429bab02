# torch.hub with a local repository: the folder hub_demo/ next to this file.
# depends: hub_demo/

# --8<-- [start:load]
from pathlib import Path

import torch

if "__file__" in globals():
    here = Path(__file__).resolve().parent  # the folder of this file
else:  # a notebook has no __file__: start it in the repository root
    here = Path("snippets/getting_started")
repo = str(here / "hub_demo")  # a folder that contains hubconf.py

model = torch.hub.load(repo, "tiny_mlp", source="local", hidden=4)  # hidden=4 goes to tiny_mlp
print(model)
print(model(torch.zeros(3, 2)).shape)
# --8<-- [end:load]

# --8<-- [start:pretrained]
line = torch.hub.load(repo, "line", source="local")  # comes with its weights set
with torch.no_grad():
    print(line(torch.tensor([[0.0], [1.0], [2.0]])).flatten())
# --8<-- [end:pretrained]

# --8<-- [start:entrypoints]
import importlib.util
import inspect

# What torch.hub.list / torch.hub.help do, for a local folder: import hubconf.py ...
spec = importlib.util.spec_from_file_location("hubconf", Path(repo) / "hubconf.py")
hubconf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hubconf)

# ... list its public callables, and read their docstrings.
names = [n for n in dir(hubconf) if callable(getattr(hubconf, n)) and not n.startswith("_")]
print(names)
print(hubconf.dependencies)
print(inspect.getdoc(hubconf.tiny_mlp))
# --8<-- [end:entrypoints]

# --8<-- [start:list_local]
# raises: TypeError
torch.hub.list(repo, source="local")  # list() and help() only take GitHub repositories
# --8<-- [end:list_local]

# --8<-- [start:missing]
# raises: RuntimeError
torch.hub.load(repo, "resnet18", source="local")  # not defined in this hubconf.py
# --8<-- [end:missing]
