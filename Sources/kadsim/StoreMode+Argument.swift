import ArgumentParser
import KademliaCore

extension StoreMode: ExpressibleByArgument {}
