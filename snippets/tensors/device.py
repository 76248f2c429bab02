# Choose a device once, with a CPU fallback, and keep tensors on it.
import torch

if torch.cuda.is_available():
    device = "cuda"
elif torch.backends.mps.is_available():  # Apple silicon
    device = "mps"
else:
    device = "cpu"
print("device:", device)

x = torch.tensor([1.0, 2.0, 3.0]).to(device)  # move an existing tensor
w = torch.ones(3, device=device)              # or create it there directly
y = x * w
print(y.device)

result = y.cpu().numpy()  # NumPy only works with CPU tensors
print(result)
