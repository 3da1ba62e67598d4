import CV4L2
import Glibc

/// Camera control requests.
extension VideoDevice {
    /// Every control of the device with its range, menu items and current value.
    /// The corresponding V4L2 request is `VIDIOC_QUERY_EXT_CTRL` (walked with `V4L2_CTRL_FLAG_NEXT_CTRL`).
    public func controls() throws(SystemError) -> [CameraControl] {
        var out: [CameraControl] = []
        var id: UInt32 = CV4L2_CTRL_FLAG_NEXT_CTRL
        for _ in 0..<512 {
            var q = v4l2_query_ext_ctrl()
            q.id = id
            guard try enumerate(CV4L2_VIDIOC_QUERY_EXT_CTRL, &q, "VIDIOC_QUERY_EXT_CTRL") else { break }
            id = q.id | CV4L2_CTRL_FLAG_NEXT_CTRL
            let type = v4l2_ctrl_type(q.type)
            if type == V4L2_CTRL_TYPE_CTRL_CLASS || (q.flags & UInt32(V4L2_CTRL_FLAG_DISABLED)) != 0 { continue }
            let kind: CameraControl.Kind = switch type {
            case V4L2_CTRL_TYPE_INTEGER: .integer
            case V4L2_CTRL_TYPE_BOOLEAN: .boolean
            case V4L2_CTRL_TYPE_MENU: .menu
            case V4L2_CTRL_TYPE_INTEGER_MENU: .integerMenu
            case V4L2_CTRL_TYPE_BUTTON: .button
            case V4L2_CTRL_TYPE_INTEGER64: .integer64
            default: .other
            }
            if kind == .other { continue }
            var menu: [CameraControl.MenuItem] = []
            if kind == .menu || kind == .integerMenu, q.maximum - q.minimum < 256 {
                for i in q.minimum...q.maximum {
                    if let item = try menuItem(q.id, index: UInt32(i), integer: kind == .integerMenu) { menu.append(item) }
                }
            }
            let writeOnly = (q.flags & UInt32(V4L2_CTRL_FLAG_WRITE_ONLY)) != 0
            let value: Int64? = (kind == .button || kind == .integer64 || writeOnly) ? nil : try? control(q.id)
            out.append(CameraControl(
                id: q.id, name: VideoDevice.string(q.name), kind: kind, minimum: q.minimum, maximum: q.maximum,
                step: q.step, defaultValue: q.default_value, value: value, menu: menu,
                inactive: (q.flags & UInt32(V4L2_CTRL_FLAG_INACTIVE | V4L2_CTRL_FLAG_GRABBED)) != 0,
                readOnly: (q.flags & UInt32(V4L2_CTRL_FLAG_READ_ONLY)) != 0))
        }
        return out
    }

    /// The name (or number) of one menu item, nil for the gaps drivers leave in menus.
    /// The corresponding V4L2 request is `VIDIOC_QUERYMENU`.
    func menuItem(_ id: UInt32, index: UInt32, integer: Bool) throws(SystemError) -> CameraControl.MenuItem? {
        var m = v4l2_querymenu()
        m.id = id
        m.index = index
        guard try enumerate(CV4L2_VIDIOC_QUERYMENU, &m, "VIDIOC_QUERYMENU") else { return nil }
        return CameraControl.MenuItem(value: Int64(index), name: integer ? String(m.value) : VideoDevice.string(m.name))
    }

    /// The current value of a control.
    /// The corresponding V4L2 request is `VIDIOC_G_CTRL`.
    public func control(_ id: UInt32) throws(SystemError) -> Int64 {
        var c = v4l2_control(id: id, value: 0)
        try request(CV4L2_VIDIOC_G_CTRL, &c, "VIDIOC_G_CTRL")
        return Int64(c.value)
    }

    /// Sets a control; returns the value the driver kept (it may clamp or round it).
    /// The corresponding V4L2 request is `VIDIOC_S_CTRL`.
    @discardableResult
    public func setControl(_ id: UInt32, to value: Int64) throws(SystemError) -> Int64 {
        var c = v4l2_control(id: id, value: Int32(clamping: value))
        try request(CV4L2_VIDIOC_S_CTRL, &c, "VIDIOC_S_CTRL")
        return Int64(c.value)
    }
}
