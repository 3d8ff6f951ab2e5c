#pragma once
// Every source of codes behind one interface: a camera (frames to decode), a scanner (text already decoded),
// a replay of image files (tests, demo). A source is pulled by one thread (SourceRunner's) with a timeout.
#include <chrono>
#include <string>

#include "kiosk/core/scan/decode.hpp"
#include "kiosk/core/scan/frame.hpp"

namespace kiosk::scan {

struct SourceItem {
    enum class Kind {
        Nothing,  // the timeout passed
        Frame,    // `frame` to decode
        Text,     // `text` already decoded (a scanner), `symbology` says from what
        Error,    // `error`: the device failed or went away; the source is closed and may be opened again
        End,      // a replay reached its end
    };
    Kind kind = Kind::Nothing;
    FramePtr frame;
    std::string text;
    Symbology symbology = Symbology::Other;
    std::string error;

    static SourceItem nothing() { return {}; }
    static SourceItem of_frame(FramePtr f) {
        SourceItem i;
        i.kind = Kind::Frame;
        i.frame = std::move(f);
        return i;
    }
    static SourceItem of_text(std::string t, Symbology s) {
        SourceItem i;
        i.kind = Kind::Text;
        i.text = std::move(t);
        i.symbology = s;
        return i;
    }
    static SourceItem failure(std::string e) {
        SourceItem i;
        i.kind = Kind::Error;
        i.error = std::move(e);
        return i;
    }
    static SourceItem end() {
        SourceItem i;
        i.kind = Kind::End;
        return i;
    }
};

class CodeSource {
  public:
    virtual ~CodeSource() = default;
    virtual std::string describe() const = 0;  // "caméra /dev/video0 1280x720 YUYV", for logs and the agent
    virtual std::string open() = 0;            // "" when open, else why not (device missing, busy…)
    virtual void close() = 0;
    virtual bool is_open() const = 0;
    // Waits at most `timeout` for the next frame or text. Called from one thread only.
    virtual SourceItem next(std::chrono::milliseconds timeout) = 0;
};

}  // namespace kiosk::scan
