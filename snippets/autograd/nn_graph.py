# Walking the graph of a small network (seed 003's next_functions chain, checked).

# --8<-- [start:chain]
import torch
from torch import nn

net = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
output = net(torch.randn(1, 4))
loss = nn.MSELoss()(output, torch.randn(1, 2))

node = loss.grad_fn
print(type(node).__name__)                      # the MSE loss
print(type(node.next_functions[0][0]).__name__)  # the last Linear layer
print(type(node.next_functions[0][0].next_functions[0][0]).__name__)  # not ReLU
# --8<-- [end:chain]

# --8<-- [start:addmm_inputs]
addmm = node.next_functions[0][0]  # bias + input @ weight.T
for i, (child, _) in enumerate(addmm.next_functions):
    print(i, type(child).__name__)
print(addmm.next_functions[0][0].variable is net[2].bias)
# --8<-- [end:addmm_inputs]

# --8<-- [start:bias_grad]
print("first bias grad before backward:", net[0].bias.grad)
loss.backward()
print("first bias grad after backward: ", net[0].bias.grad)
# --8<-- [end:bias_grad]
