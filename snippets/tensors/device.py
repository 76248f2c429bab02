# Choose a device once, with a CPU fallback, and keep tensors on it.
import torch

# the accelerator (CUDA, MPS, ...) when one is usable, else the CPU
device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")
print("device:", device)

x = torch.tensor([1.0, 2.0, 3.0]).to(device)  # move an existing tensor
w = torch.ones(3, device=device)              # or create it there directly
y = x * w
print(y.device, y.device.type == device.type)

result = y.cpu().numpy()  # NumPy only works with CPU tensors
print(result)
