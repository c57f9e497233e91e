#!/usr/bin/python3
"""Give an NCHW float32 image model a uint8 RGB NHWC input, converting pixels inside the graph.

    /usr/bin/python3 scripts/models/uint8-input.py SRC.onnx DST.onnx [--bgr] [--scale S] [--mean M M M] [--std S S S]

The new input (named "frame", uint8 [N, H, W, 3], RGB, as gridwatch decodes frames) is transposed to NCHW, reordered
to BGR with --bgr, cast to float32 and, when given, scaled and normalised, then feeds everything the old input fed.
Same nodes and weights otherwise, so outputs are identical for identical pixels (detect/golden.test.ts checks this).
gridwatch then only copies frame bytes into the input (no per-pixel work in JavaScript); onnxruntime's vectorised
kernels do the conversion. Needs Debian's python3-onnx (apt-get install -y python3-onnx); not needed at run time.
"""
import argparse

import onnx
from onnx import TensorProto, helper

ap = argparse.ArgumentParser()
ap.add_argument("src")
ap.add_argument("dst")
ap.add_argument("--bgr", action="store_true", help="the model expects BGR channel order")
ap.add_argument("--scale", type=float, default=1.0)
ap.add_argument("--mean", type=float, nargs=3, default=[0.0, 0.0, 0.0], help="in model channel order")
ap.add_argument("--std", type=float, nargs=3, default=[1.0, 1.0, 1.0], help="in model channel order")
a = ap.parse_args()

model = onnx.load(a.src)
graph = model.graph
old = graph.input[0]
shape = old.type.tensor_type.shape.dim
if old.type.tensor_type.elem_type != TensorProto.FLOAT or len(shape) != 4:
    raise SystemExit(f"{a.src}: input {old.name} is not a 4-D float32 tensor")


def dim(d):
    return d.dim_value if d.HasField("dim_value") else d.dim_param


n, c, h, w = (dim(d) for d in shape)
if c != 3:
    raise SystemExit(f"{a.src}: input {old.name} has {c} channels in dimension 1 (NCHW with 3 expected)")

nodes = [
    helper.make_node("Transpose", ["frame"], ["gw_nchw"], perm=[0, 3, 1, 2], name="gw_transpose"),
    helper.make_node("Constant", [], ["gw_order"], name="gw_order",
                     value=helper.make_tensor("gw_order_v", TensorProto.INT64, [3], [2, 1, 0] if a.bgr else [0, 1, 2])),
    helper.make_node("Gather", ["gw_nchw", "gw_order"], ["gw_ordered"], axis=1, name="gw_gather"),
]
normalise = a.scale != 1.0 or a.mean != [0.0, 0.0, 0.0] or a.std != [1.0, 1.0, 1.0]
nodes.append(helper.make_node("Cast", ["gw_ordered"], ["gw_float" if normalise else old.name], to=TensorProto.FLOAT, name="gw_cast"))
if normalise:
    # (v * scale - mean) / std = v * (scale / std) + (-mean / std)
    mul = [a.scale / s for s in a.std]
    add = [-m / s for m, s in zip(a.mean, a.std)]
    nodes += [
        helper.make_node("Constant", [], ["gw_mul"], value=helper.make_tensor("gw_mul_v", TensorProto.FLOAT, [1, 3, 1, 1], mul)),
        helper.make_node("Constant", [], ["gw_add"], value=helper.make_tensor("gw_add_v", TensorProto.FLOAT, [1, 3, 1, 1], add)),
        helper.make_node("Mul", ["gw_float", "gw_mul"], ["gw_scaled"], name="gw_mul"),
        helper.make_node("Add", ["gw_scaled", "gw_add"], [old.name], name="gw_add"),
    ]
graph.input.remove(old)
graph.input.insert(0, helper.make_tensor_value_info("frame", TensorProto.UINT8, [n, h, w, 3]))
for node in reversed(nodes):
    graph.node.insert(0, node)
onnx.checker.check_model(model)
onnx.save(model, a.dst)
print(f"{a.dst}: input frame uint8 [{n}, {h}, {w}, 3] RGB -> {old.name}")
