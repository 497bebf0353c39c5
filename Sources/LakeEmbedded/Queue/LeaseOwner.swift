import LakeCore

/// Who holds an embedded queue lease: the process that received the message.
typealias LeaseOwner = ProcessIdentity
