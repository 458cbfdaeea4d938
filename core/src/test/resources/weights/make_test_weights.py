#!/usr/bin/env python3
"""Generates the small torch weight files used by org.convpaint.weights tests.

Run with Debian's Python (torch 1.13, numpy 1.24) from this folder:

    /usr/bin/python3 make_test_weights.py

Every value is given by a closed-form formula (see README.md) that the Java tests recompute; nothing here is
read back by the code under test except the .pth files themselves.
"""
import collections
import io
import os
import pickle
import pickletools
import struct
import tarfile
import zipfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def out(name):
    return os.path.join(HERE, name)


def idx(shape):
    """float64 tensor whose elements are their C-order index."""
    n = 1
    for d in shape:
        n *= d
    return torch.arange(n, dtype=torch.float64).reshape(shape)


def small_state_dict():
    sd = collections.OrderedDict()
    sd['conv.weight'] = (idx((2, 3, 4)) * 0.5 - 3).float()
    sd['half'] = (idx((5,)) * 0.25 - 1).half()
    sd['double'] = idx((3, 2)) * 0.1
    sd['bf16'] = (idx((4,)) * 0.5 - 1).bfloat16()
    sd['transposed'] = idx((3, 4)).float().t()              # shape (4, 3), value[r][c] = c*4 + r
    whole = (idx((12,)) * 2 + 1).float()
    sd['shared.whole'] = whole
    sd['shared.view'] = whole[4:10].view(2, 3)             # value[k] = (4 + k)*2 + 1
    sd['shared.strided'] = whole[1::3]                     # value[k] = (1 + 3k)*2 + 1
    sd['param'] = torch.nn.Parameter((idx((2, 2)) - 1.5).float())
    sd['count'] = torch.tensor(7, dtype=torch.int64)
    sd['ints'] = torch.tensor([-2, 0, 5], dtype=torch.int32)
    sd['empty'] = torch.zeros((0, 3), dtype=torch.float32)
    sd._metadata = collections.OrderedDict([('', {'version': 1}), ('conv', {'version': 1})])
    assert not sd['transposed'].is_contiguous()
    assert sd['shared.view'].storage_offset() == 4
    return sd


def legacy_bytes(obj):
    buf = io.BytesIO()
    torch.save(obj, buf, _use_new_zipfile_serialization=False)
    return buf.getvalue()


def end_of_pickles(data, count):
    """Offset after the first `count` pickles of a legacy stream."""
    f = io.BytesIO(data)
    for _ in range(count):
        for _op in pickletools.genops(f):
            pass
    return f.tell()


class Storage:
    """A storage reference written as a torch persistent id."""

    def __init__(self, type_name, key, numel, view=None):
        self.type_name, self.key, self.numel, self.view = type_name, key, numel, view


class Global:
    def __init__(self, module, name):
        self.module, self.name = module, name


class Call:
    """Pickled as REDUCE of a named global (so no real torch object is needed)."""

    def __init__(self, fn, *args):
        self.fn, self.args = fn, args

    def __reduce__(self):
        return self.fn, self.args


def torch_global(module, name):
    return getattr(__import__(module, fromlist=[name]), name)


class HandPickler(pickle.Pickler):
    def __init__(self, f, legacy):
        super().__init__(f, protocol=2)
        self.legacy = legacy

    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            st = getattr(torch, obj.type_name)
            if self.legacy:
                return ('storage', st, obj.key, 'cpu', obj.numel, obj.view)
            return ('storage', st, obj.key, 'cpu', obj.numel)
        return None


def hand_pickle(obj, legacy=False):
    buf = io.BytesIO()
    HandPickler(buf, legacy).dump(obj)
    return buf.getvalue()


def rebuild_v2(storage, offset, size, stride):
    return Call(torch._utils._rebuild_tensor_v2, storage, offset, size, stride, False, collections.OrderedDict())


def write_zip(name, pkl, records, byteorder=None, compression=zipfile.ZIP_STORED):
    prefix = os.path.splitext(name)[0]
    with zipfile.ZipFile(out(name), 'w', compression=compression) as z:
        z.writestr(prefix + '/data.pkl', pkl)
        if byteorder is not None:
            z.writestr(prefix + '/byteorder', byteorder)
        for key, data in records:
            z.writestr(prefix + '/data/' + key, data)
        z.writestr(prefix + '/version', '3\n')


def main():
    sd = small_state_dict()
    torch.save(sd, out('small_zip.pth'))
    legacy = legacy_bytes(sd)
    with open(out('small_legacy.pth'), 'wb') as f:
        f.write(legacy)

    # the same zip, re-packed with DEFLATED entries
    with zipfile.ZipFile(out('small_zip.pth')) as src, \
            zipfile.ZipFile(out('small_deflated.pth'), 'w', compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename.replace('small_zip/', 'small_deflated/'), src.read(info))

    # checkpoints: tensors nested one level down
    torch.save({'epoch': 3, 'optimizer': {'lr': 0.1},
                'state_dict': collections.OrderedDict([('w', (idx((2, 2)) + 10).float()),
                                                       ('b', (idx((2,)) - 10).float())])},
               out('nested_zip.pth'))
    torch.save({'student': {'s': torch.zeros(1)}, 'teacher': {'t': (idx((3,)) + 0.5).float()}},
               out('teacher_student_zip.pth'))
    torch.save({'a': {'x': torch.zeros(1)}, 'b': {'y': torch.zeros(1)}}, out('ambiguous_zip.pth'))

    # damaged / hostile files
    with open(out('legacy_truncated.pth'), 'wb') as f:
        f.write(legacy[:len(legacy) - 10])
    start = end_of_pickles(legacy, 5)                      # first storage: 8-byte count, then its bytes
    patched = legacy[:start] + struct.pack('<q', 1 << 40) + legacy[start + 8:]
    with open(out('legacy_count_too_big.pth'), 'wb') as f:
        f.write(patched)

    os_system = b'\x80\x02cos\nsystem\nX\x0c\x00\x00\x00touch pwned!\x85R.'
    write_zip('hostile_os_system.pth', os_system, [])

    four = struct.pack('<4f', 1, 2, 3, 4)
    write_zip('short_storage.pth',
              hand_pickle({'w': rebuild_v2(Storage('FloatStorage', '0', 100), 0, (10, 10), (10, 1))}),
              [('0', four)])
    write_zip('view_outside.pth',
              hand_pickle({'w': rebuild_v2(Storage('FloatStorage', '0', 4), 1, (2, 2), (2, 1))}),
              [('0', four)])

    # big-endian zip (torch >= 2.1 writes a byteorder record): f32 i*1.5 - 2, f16 i*0.5 - 1
    write_zip('big_endian.pth',
              hand_pickle(collections.OrderedDict([
                  ('f', rebuild_v2(Storage('FloatStorage', '0', 3), 0, (3,), (1,))),
                  ('h', rebuild_v2(Storage('HalfStorage', '1', 2), 0, (2,), (1,)))])),
              [('0', struct.pack('>3f', -2, -0.5, 1)), ('1', struct.pack('>2e', -1, -0.5))],
              byteorder='big')

    # legacy stream as torch 0.3 wrote it: _rebuild_tensor (v1) and a storage view
    # root storage 'r' (10 floats, value i*3 - 4); view 'v' = root[2:8];
    # 'w' = view offset 1, size (2, 2), stride (2, 1) -> root[3 + 2*r + c]; 'b' = whole root
    root = Storage('FloatStorage', 'r', 10)
    view = Storage('FloatStorage', 'r', 10, ('v', 2, 6))
    obj = collections.OrderedDict([
        ('w', Call(torch._utils._rebuild_tensor, view, 1, (2, 2), (2, 1))),
        ('b', Call(torch._utils._rebuild_tensor, root, 0, (10,), (1,)))])
    stream = io.BytesIO()
    for header in (0x1950a86a20f9469cfc6c, 1001,
                   {'protocol_version': 1001, 'little_endian': True,
                    'type_sizes': {'short': 2, 'int': 4, 'long': 4}}):
        pickle.dump(header, stream, protocol=2)
    stream.write(hand_pickle(obj, legacy=True))
    pickle.dump(['r'], stream, protocol=2)
    stream.write(struct.pack('<q', 10))
    stream.write(struct.pack('<10f', *[i * 3 - 4 for i in range(10)]))
    with open(out('legacy_v1_view.pth'), 'wb') as f:
        f.write(stream.getvalue())

    # a complex tensor next to a real one: readable only when the complex one is not wanted
    with open(out('complex_legacy.pth'), 'wb') as f:
        f.write(legacy_bytes(collections.OrderedDict([('z', torch.zeros(2, dtype=torch.complex64)),
                                                      ('r', (idx((3,)) - 1).float())])))

    # torch < 0.1.10 tar format
    with tarfile.open(out('old_tar.pth'), 'w', format=tarfile.PAX_FORMAT) as t:
        for member in ('storages', 'tensors', 'pickle'):
            info = tarfile.TarInfo(member)
            info.size = 1
            t.addfile(info, io.BytesIO(b'\x00'))

    # sanity: torch itself reads the good files back
    for name in ('small_zip.pth', 'small_legacy.pth', 'small_deflated.pth', 'legacy_v1_view.pth',
                 'big_endian.pth'):
        loaded = torch.load(out(name))
        assert isinstance(loaded, dict), name
    back = torch.load(out('small_legacy.pth'))
    for k, v in sd.items():
        assert torch.equal(back[k], v), k
    dino_files()


def dino_state_dict_names():
    """The 175 tensor names DINOv2 ViT-S/14-reg inference needs, as in Dinov2StateDict."""
    names = ['cls_token', 'pos_embed', 'register_tokens', 'patch_embed.proj.weight', 'patch_embed.proj.bias']
    for i in range(12):
        b = 'blocks.%d.' % i
        names += [b + n for n in ('norm1.weight', 'norm1.bias', 'attn.qkv.weight', 'attn.qkv.bias',
                                  'attn.proj.weight', 'attn.proj.bias', 'ls1.gamma', 'norm2.weight', 'norm2.bias',
                                  'mlp.fc1.weight', 'mlp.fc1.bias', 'mlp.fc2.weight', 'mlp.fc2.bias', 'ls2.gamma')]
    return names + ['norm.weight', 'norm.bias']


def dino_files():
    """Bad DINOv2 weights for the error-message tests (values are zeros; only names and shapes matter)."""
    # every name present, every tensor of shape (2,): as if a different architecture were given
    torch.save(collections.OrderedDict((n, torch.zeros(2)) for n in dino_state_dict_names()),
               out('dino_misshaped.pth'))
    # correct shapes but only the final norm and the class token: an incomplete file
    torch.save(collections.OrderedDict([('cls_token', torch.zeros(1, 1, 384)), ('norm.weight', torch.zeros(384)),
                                        ('norm.bias', torch.zeros(384))]), out('dino_partial.pth'))


if __name__ == '__main__':
    main()
