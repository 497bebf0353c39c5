import LakeCore
