# state_dict, checkpoints and resuming training; torch.load(weights_only=...).

# --8<-- [start:state_dict]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1))

# state_dict(): an ordered dict, name -> tensor (parameters AND buffers)
for name, tensor in model.state_dict().items():
    print(f"{name:28s} {str(tuple(tensor.shape)):8s} {tensor.dtype}")
print("parameters:", len(list(model.parameters())), " state_dict entries:", len(model.state_dict()))
# --8<-- [end:state_dict]

# --8<-- [start:save_load]
import tempfile
from pathlib import Path

tmp = tempfile.TemporaryDirectory()  # every file of this page goes here, never into the repo
folder = Path(tmp.name)

torch.save(model.state_dict(), folder / "weights.pt")

fresh = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 1))
print("before load, same weights?", torch.equal(fresh[0].weight, model[0].weight))
result = fresh.load_state_dict(torch.load(folder / "weights.pt"))  # weights_only=True by default
print(result)
print("after load,  same weights?", torch.equal(fresh[0].weight, model[0].weight))
# --8<-- [end:save_load]

# --8<-- [start:strict]
smaller = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU())  # no last layer
try:
    smaller.load_state_dict(torch.load(folder / "weights.pt"))
except RuntimeError as error:
    print(str(error).splitlines()[0])
    print(str(error).splitlines()[1].strip())
print(smaller.load_state_dict(torch.load(folder / "weights.pt"), strict=False))

# a new head with 2 outputs: same keys, different shapes; strict=False does not forgive that
new_head = nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2))
saved = torch.load(folder / "weights.pt")
try:
    new_head.load_state_dict(saved, strict=False)
except RuntimeError as error:
    print(str(error).splitlines()[1].strip())
target = new_head.state_dict()
matching = {k: v for k, v in saved.items() if k in target and v.shape == target[k].shape}
print(new_head.load_state_dict(matching, strict=False))  # the new head keeps its fresh weights
# --8<-- [end:strict]

# --8<-- [start:checkpoint]
from torch.utils.data import DataLoader, TensorDataset

device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
g = torch.Generator().manual_seed(0)
x = torch.randn(64, 3, generator=g)
y = x @ torch.tensor([[1.0], [-2.0], [0.5]]) + 0.1 * torch.randn(64, 1, generator=g)
loader_gen = torch.Generator()  # shuffles the batches: random state too
loader = DataLoader(TensorDataset(x, y), batch_size=16, shuffle=True, generator=loader_gen)


def make():
    torch.manual_seed(0)
    loader_gen.manual_seed(0)
    net = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Dropout(0.2), nn.Linear(8, 1)).to(device)
    return net, torch.optim.Adam(net.parameters(), lr=0.01)


def train(net, opt, epochs):
    net.train()
    for _ in range(epochs):
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            opt.zero_grad()
            loss = nn.functional.mse_loss(net(xb), yb)  # Dropout draws random numbers
            loss.backward()
            opt.step()
    return loss.item()


def rng_state():
    state = {"torch": torch.get_rng_state(), "loader": loader_gen.get_state()}
    if device.type != "cpu":  # the accelerator's own generator (CUDA, MPS, ...)
        state["device"] = torch.get_device_module(device).get_rng_state()
    return state


def set_rng_state(state):  # generators take CPU byte tensors, whatever map_location did
    torch.set_rng_state(state["torch"].cpu())
    loader_gen.set_state(state["loader"].cpu())
    if "device" in state:
        torch.get_device_module(device).set_rng_state(state["device"].cpu())


def resume(restore_optimizer=True, restore_rng=True):
    """New objects, as in a new process, then whatever the checkpoint is allowed to restore."""
    net, opt = make()
    checkpoint = torch.load(folder / "checkpoint.pt", map_location=device)
    net.load_state_dict(checkpoint["model"])
    if restore_optimizer:
        opt.load_state_dict(checkpoint["optimizer"])
    if restore_rng:
        set_rng_state(checkpoint["rng"])  # last: make() above reseeded the generators
    train(net, opt, 20 - checkpoint["epoch"])
    return net


# A: 20 epochs in one go
net_a, opt_a = make()
train(net_a, opt_a, 20)

# 10 epochs, then a checkpoint; "the program stops" here
net_b, opt_b = make()
loss = train(net_b, opt_b, 10)
torch.save({"epoch": 10, "model": net_b.state_dict(), "optimizer": opt_b.state_dict(),
            "rng": rng_state(), "loss": loss}, folder / "checkpoint.pt")
del net_b, opt_b
print("checkpoint keys:", list(torch.load(folder / "checkpoint.pt")))


def same_as_a(net):
    return all(torch.equal(p, q) for p, q in zip(net_a.parameters(), net.parameters()))


print("resumed with everything        == uninterrupted:", same_as_a(resume()))
print("resumed without optimizer state == uninterrupted:", same_as_a(resume(restore_optimizer=False)))
print("resumed without RNG state       == uninterrupted:", same_as_a(resume(restore_rng=False)))
print("Adam state keys:", list(opt_a.state_dict()["state"][0].keys()))
# --8<-- [end:checkpoint]

# --8<-- [start:whole_model]
import pickle  # torch.save/torch.load use pickle; its error class appears below

# Saving the whole module pickles its class; loading it runs pickle.
torch.save(model, folder / "whole_model.pt")
print("file written:", (folder / "whole_model.pt").name)
loaded = torch.load(folder / "whole_model.pt", weights_only=False)  # only for files you trust
print(type(loaded).__name__, "with", len(loaded), "layers")
# --8<-- [end:whole_model]

# --8<-- [start:unsafe_default]
# raises: pickle.UnpicklingError
torch.load(folder / "whole_model.pt")  # default weights_only=True refuses arbitrary classes
# --8<-- [end:unsafe_default]
