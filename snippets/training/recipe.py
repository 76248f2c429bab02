# Training in practice: the whole chapter in one script.

# --8<-- [start:data]
import copy
import tempfile
from pathlib import Path

import torch
from sklearn.datasets import make_classification
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split

device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
print("device:", device.type)

# 4 classes, 20 features, 15 % of the labels flipped at random: a model can overfit this
features, labels = make_classification(n_samples=3000, n_features=20, n_informative=8,
                                       n_classes=4, flip_y=0.15, class_sep=1.5,
                                       random_state=0)
dataset = TensorDataset(torch.tensor(features, dtype=torch.float32), torch.tensor(labels))
train_set, val_set, test_set = random_split(dataset, [0.4, 0.3, 0.3],
                                            generator=torch.Generator().manual_seed(42))
print("train / validation / test:", len(train_set), len(val_set), len(test_set))

pin = device.type == "cuda"  # page-locked memory only helps copies to a CUDA GPU
loader_gen = torch.Generator()  # the shuffling order: part of the checkpoint
train_loader = DataLoader(train_set, batch_size=64, shuffle=True, generator=loader_gen,
                          pin_memory=pin)
val_loader = DataLoader(val_set, batch_size=512, pin_memory=pin)
test_loader = DataLoader(test_set, batch_size=512, pin_memory=pin)
# --8<-- [end:data]

# --8<-- [start:setup]
MAX_EPOCHS = 60
use_amp = device.type == "cuda"  # mixed precision on CUDA only (see the text)
amp_dtype = torch.float16  # float16 needs the GradScaler below


def make_run(seed=0):
    """Everything a run creates and a checkpoint must restore."""
    torch.manual_seed(seed)  # initial weights and dropout masks
    loader_gen.manual_seed(seed)  # shuffling order
    model = nn.Sequential(nn.Linear(20, 256), nn.ReLU(), nn.Dropout(0.2),
                          nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.2),
                          nn.Linear(256, 4)).to(device)  # model first, then the optimizer
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.1, total_iters=5)
    cosine = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=MAX_EPOCHS - 5)
    scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, [warmup, cosine], milestones=[5])
    scaler = torch.amp.GradScaler(device.type, enabled=use_amp)
    return {"model": model, "optimizer": optimizer, "scheduler": scheduler, "scaler": scaler,
            "epoch": 0, "history": {"train_loss": [], "val_loss": [], "val_acc": []},
            "best": {"loss": float("inf"), "epoch": 0, "state": None}, "bad_epochs": 0}


run = make_run()
print(run["model"])
print("parameters:", sum(p.numel() for p in run["model"].parameters()))
# --8<-- [end:setup]

# --8<-- [start:epoch]
loss_fn = nn.CrossEntropyLoss()
MAX_GRAD_NORM = 1.0


def train_one_epoch(run):
    model, optimizer, scaler = run["model"], run["optimizer"], run["scaler"]
    model.train()
    total = torch.zeros((), device=device)  # summed on the device: no sync per batch
    for x, y in train_loader:
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        optimizer.zero_grad()
        with torch.autocast(device.type, dtype=amp_dtype, enabled=use_amp):
            loss = loss_fn(model(x), y)  # forward and loss only
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)  # true gradients, so the clipping threshold means what it says
        nn.utils.clip_grad_norm_(model.parameters(), MAX_GRAD_NORM)
        scaler.step(optimizer)  # skips the step if a gradient is inf/NaN
        scaler.update()
        total += loss.detach() * len(y)
    run["scheduler"].step()  # once per epoch: T_max and total_iters count epochs here
    return (total / len(train_loader.dataset)).item()  # one sync per epoch


def evaluate(model, loader):
    """Mean loss and accuracy over a whole loader, in eval mode, without autograd."""
    model.eval()
    total_loss, correct = 0.0, 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            logits = model(x)
            total_loss += nn.functional.cross_entropy(logits, y, reduction="sum").item()
            correct += (logits.argmax(dim=1) == y).sum().item()
    return total_loss / len(loader.dataset), correct / len(loader.dataset)


loss, acc = evaluate(run["model"], val_loader)
print(f"before training: validation loss {loss:.3f}, accuracy {acc:.2f}")
# --8<-- [end:epoch]

# --8<-- [start:checkpoint]
def rng_state():
    state = {"torch": torch.get_rng_state(), "loader": loader_gen.get_state()}
    if device.type != "cpu":  # the accelerator's own generator (CUDA, MPS, ...)
        state["device"] = torch.get_device_module(device).get_rng_state()
    return state


def set_rng_state(state):
    # .cpu(): map_location may have moved them to the GPU; generators take CPU byte tensors
    torch.set_rng_state(state["torch"].cpu())
    loader_gen.set_state(state["loader"].cpu())
    if "device" in state:
        torch.get_device_module(device).set_rng_state(state["device"].cpu())


def save_checkpoint(run, path):
    torch.save({"model": run["model"].state_dict(), "optimizer": run["optimizer"].state_dict(),
                "scheduler": run["scheduler"].state_dict(), "scaler": run["scaler"].state_dict(),
                "epoch": run["epoch"], "history": run["history"], "best": run["best"],
                "bad_epochs": run["bad_epochs"], "rng": rng_state()}, path)


def load_checkpoint(path):
    checkpoint = torch.load(path, map_location=device)  # weights_only=True: tensors and plain data
    run = make_run()  # fresh objects, as in a new process
    for key in ("model", "optimizer", "scheduler", "scaler"):
        run[key].load_state_dict(checkpoint[key])
    for key in ("epoch", "history", "best", "bad_epochs"):
        run[key] = checkpoint[key]
    set_rng_state(checkpoint["rng"])  # last: make_run() above reseeded the generators
    return run
# --8<-- [end:checkpoint]

# --8<-- [start:fit]
PATIENCE, MIN_DELTA = 8, 0.002


def fit(run, checkpoint_path, interrupt_after=None):
    """Train until early stopping or MAX_EPOCHS, saving a checkpoint after every epoch."""
    while run["epoch"] < MAX_EPOCHS:
        train_loss = train_one_epoch(run)
        val_loss, val_acc = evaluate(run["model"], val_loader)
        run["epoch"] += 1
        for key, value in zip(run["history"], (train_loss, val_loss, val_acc)):
            run["history"][key].append(value)
        if val_loss < run["best"]["loss"] - MIN_DELTA:  # a real improvement, not noise
            run["best"] = {"loss": val_loss, "epoch": run["epoch"],
                           "state": copy.deepcopy(run["model"].state_dict())}
            run["bad_epochs"] = 0
        else:
            run["bad_epochs"] += 1
        save_checkpoint(run, checkpoint_path)
        if run["epoch"] % 5 == 0:
            print(f"epoch {run['epoch']:2d}  train loss {train_loss:.3f}  "
                  f"val loss {val_loss:.3f}  val acc {val_acc:.2f}")
        if run["bad_epochs"] >= PATIENCE:
            print(f"early stop after epoch {run['epoch']}: no improvement for {PATIENCE} epochs")
            break
        if run["epoch"] == interrupt_after:
            print(f"interrupted after epoch {run['epoch']}")
            break
    return run


tmp = tempfile.TemporaryDirectory()  # checkpoints go here, never into the repository
folder = Path(tmp.name)
run = fit(make_run(), folder / "run_a.pt")
print(f"best epoch {run['best']['epoch']}: val loss {run['best']['loss']:.3f}")
# --8<-- [end:fit]

# --8<-- [start:resume]
interrupted = fit(make_run(), folder / "run_b.pt", interrupt_after=10)
del interrupted  # the program "crashes": only the checkpoint file survives

resumed = load_checkpoint(folder / "run_b.pt")
print("resuming after epoch", resumed["epoch"])
resumed = fit(resumed, folder / "run_b.pt")
same_weights = all(torch.equal(p, q) for p, q in
                   zip(run["model"].parameters(), resumed["model"].parameters()))
print("resumed run == uninterrupted run, weights:", same_weights,
      " history:", resumed["history"] == run["history"])
# --8<-- [end:resume]

# --8<-- [start:test]
model = run["model"]
model.load_state_dict(run["best"]["state"])  # the best epoch, not the last one
test_loss, test_acc = evaluate(model, test_loader)  # once, after every decision was made
print(f"test (best epoch {run['best']['epoch']}): loss {test_loss:.3f}, accuracy {test_acc:.2f}")
# --8<-- [end:test]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

history, epochs = run["history"], range(1, run["epoch"] + 1)
fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
left.plot(epochs, history["train_loss"], label="training loss (dropout on)")
left.plot(epochs, history["val_loss"], label="validation loss")
left.set_ylabel("cross-entropy loss")
right.plot(epochs, history["val_acc"], color="tab:green", label="validation accuracy")
right.set_ylabel("accuracy")
for ax in (left, right):
    ax.axvline(run["best"]["epoch"], color="gray", linestyle="--", label="best epoch")
    ax.set_xlabel("epoch")
    ax.legend()
fig.tight_layout()
plt.show()
# --8<-- [end:figure]
