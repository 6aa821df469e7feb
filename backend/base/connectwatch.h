#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <sys/socket.h>

namespace cityops {

/// A watch over making a connection with a library that does not bound every step of it: at the time-out it shuts the
/// socket down (a read on it then ends at once, and the library gives up), unless stopped first. `socket` is read at
/// the time-out (-1: none yet, nothing to do). For libldap, whose TLS handshake loops on the socket until the server
/// speaks: a server that takes the connection and then answers nothing (hung, or a firewall swallowing what follows)
/// would otherwise hold the sign-in's worker — and the console's close — for ever.
class ConnectWatch {
public:
    ConnectWatch(const std::atomic<int> &socket, std::chrono::seconds limit)
        : m_thread([this, &socket, limit] {
              std::unique_lock lock(m_mutex);
              if (m_stop.wait_for(lock, limit, [this] { return m_stopped; }))
                  return;
              if (const int fd = socket.load(); fd >= 0) {
                  ::shutdown(fd, SHUT_RDWR);
                  m_fired = true;
              }
          })
    {
    }
    ~ConnectWatch() { (void)stop(); }
    ConnectWatch(const ConnectWatch &) = delete;
    ConnectWatch &operator=(const ConnectWatch &) = delete;
    /// Ends the watch; whether it had shut the socket down.
    bool stop()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stopped = true;
        }
        m_stop.notify_one();
        if (m_thread.joinable())
            m_thread.join();
        return m_fired;
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_stop;
    bool m_stopped = false;
    bool m_fired = false;
    std::thread m_thread;   // last: it starts once the rest is there
};

} // namespace cityops
