# The legacy Variable API (PyTorch before 0.4) and its modern replacement.

# --8<-- [start:legacy]
import torch
from torch.autograd import Variable  # still importable, for old code

tensor = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
variable = Variable(tensor, requires_grad=True)  # a new name: keep Variable intact
print(type(variable))                # a plain torch.Tensor
print(isinstance(tensor, Variable))  # True for every tensor
print(variable.data_ptr() == tensor.data_ptr(), tensor.requires_grad)

t_out = torch.mean(tensor * tensor)      # tensor is not tracked
v_out = torch.mean(variable * variable)  # variable is
print(t_out, v_out)
v_out.backward()
print(variable.grad)          # d mean(v*v) / dv = 2v/4 = v/2
print(variable.data.numpy())  # the old way to reach NumPy
# --8<-- [end:legacy]

# --8<-- [start:volatile]
old = Variable(tensor, volatile=True)  # pre-0.4 flag for inference
print(old.requires_grad)
# --8<-- [end:volatile]

# --8<-- [start:modern]
w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
out = torch.mean(w * w)
out.backward()
print(w.grad)
print(w.detach().numpy())  # detach() instead of .data

with torch.no_grad():      # instead of volatile=True
    print((w * w).requires_grad)
# --8<-- [end:modern]
