#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <sys/socket.h>

namespace cityops {

/// A library's socket as a watch may shut it down: known from the library's "connected" callback, forgotten in its
/// "closing" callback, which the library calls before it closes the descriptor. One mutex covers the forgetting and
/// the shutting down, so a watch never shuts down a descriptor that has been closed and handed to someone else.
class WatchedSocket {
public:
    void set(int fd)
    {
        std::lock_guard lock(m_mutex);
        m_fd = fd;
    }
    /// Called before the descriptor is closed; a shutdown in progress finishes first.
    void forget() { set(-1); }
    /// Shuts the socket down if there is one (a read on it then ends at once); whether there was.
    bool shutDown()
    {
        std::lock_guard lock(m_mutex);
        if (m_fd < 0)
            return false;
        ::shutdown(m_fd, SHUT_RDWR);
        return true;
    }

private:
    std::mutex m_mutex;
    int m_fd = -1;
};

/// A watch over making a connection with a library that does not bound every step of it: at the time-out it shuts the
/// socket down (the library's read ends, and it gives up), unless stopped first; no socket yet, nothing to do. For
/// libldap, whose TLS handshake loops on the socket until the server speaks: a server that takes the connection and
/// then answers nothing (hung, or a firewall swallowing what follows) would otherwise hold the sign-in's worker — and
/// the console's close — for ever.
class ConnectWatch {
public:
    ConnectWatch(WatchedSocket &socket, std::chrono::milliseconds limit)
        : m_thread([this, &socket, limit] {
              std::unique_lock lock(m_mutex);
              if (m_stop.wait_for(lock, limit, [this] { return m_stopped; }))
                  return;
              m_fired = socket.shutDown();
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
        return awaitEnd();
    }
    /// Lets the time-out run out (unless stopped); whether the watch shut the socket down.
    bool awaitEnd()
    {
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
