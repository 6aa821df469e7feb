#pragma once

#include <QtGlobal>

namespace cityops::localport {

/// A loopback TCP port nobody listens on now. Free only when asked: another program may bind it before the one it
/// is meant for does — check with listensOn once that one should be listening.
int freePort();

/// Whether process `pid` itself listens on the TCP port (from the kernel's socket tables and the process's open
/// files, so nothing connects: SUMO serves a single client, and a probe would take its slot). False when another
/// program listens there instead.
bool listensOn(qint64 pid, int port);

} // namespace cityops::localport
