-- make bench: the Lua peer, what a site would write with Debian's
-- libnginx-mod-http-lua instead of using the module.  It does the banner
-- and tracker job for every visitor (it reads no consent):
--
--   * removes the Set-Cookie headers of a fixed list of tracker cookies
--     (the 8 the bench backend sets: _ga, _ga_<id>, _gid, _gcl_au, _fbp,
--     _fbc, _hjSessionUser_<id>, _hjSession_<id>), keeps the others;
--   * in text/html responses, makes every GA4 loader inert, rewriting
--     <script async src="https://www.googletagmanager.com/gtag/js...
--     to <script type="text/plain" data-category="analytics" async
--     data-src="https://www.googletagmanager.com/gtag/js...  (what the
--     module writes for that tag), and inserts the banner once, right
--     after the first <body ...> tag.
--
-- Streaming: chunks pass on as they come; only a tail that may be the
-- start of a pattern cut by the chunk boundary is held back (a few dozen
-- bytes, and only when a '<' is near the end of the chunk).  No regular
-- expressions: plain string.find, which is what one would write for speed.
--
--   init_by_lua_block         { require("cc_peer").init("banner.html") }
--   header_filter_by_lua_block { require("cc_peer").header() }
--   body_filter_by_lua_block   { require("cc_peer").body() }

local M = {}

local find, sub, byte = string.find, string.sub, string.byte
local concat = table.concat

local GTAG = '<script async src="https://www.googletagmanager.com/gtag/js'
local GTAG_INERT = '<script type="text/plain" data-category="analytics" async'
    .. ' data-src="https://www.googletagmanager.com/gtag/js'
local BODY = '<body'
local HOLD = #GTAG - 1          -- the longest tail that can start a match

local DROP = { _ga = true, _gid = true, _gcl_au = true, _fbp = true,
               _fbc = true }
local DROP_PREFIX = { '_ga_', '_hjSessionUser_', '_hjSession_' }

local banner

function M.init(file)
    local f = assert(io.open(file, 'rb'))
    banner = f:read('*a')
    f:close()
    assert(#banner > 0, 'empty banner')
end

local function tracker(c)
    local name = c:match('^%s*([^=;%s]+)')
    if not name then return false end
    if DROP[name] then return true end
    for i = 1, #DROP_PREFIX do
        local p = DROP_PREFIX[i]
        if sub(name, 1, #p) == p then return true end
    end
    return false
end

function M.header()
    local h = ngx.header
    local sc = h['Set-Cookie']
    if sc then
        if type(sc) == 'string' then sc = { sc } end
        local keep, n = {}, 0
        for i = 1, #sc do
            if not tracker(sc[i]) then n = n + 1; keep[n] = sc[i] end
        end
        if n ~= #sc then h['Set-Cookie'] = n > 0 and keep or nil end
    end
    local ct = h['Content-Type']
    if ct and find(ct, 'text/html', 1, true) then
        ngx.ctx.cc_html = true
        h['Content-Length'] = nil     -- the body changes length
    end
end

-- where the tail of s that may be the start of GTAG or of "<body" begins
-- (a '<' in its last HOLD bytes); nil when there is none
local function tail_start(s, body_done)
    local from = #s - HOLD + 1
    if from < 1 then from = 1 end
    local i = from
    while true do
        i = find(s, '<', i, true)
        if not i then return nil end
        local t = sub(s, i)
        if sub(GTAG, 1, #t) == t
            or (not body_done and sub(BODY, 1, #t) == t) then
            return i
        end
        i = i + 1
    end
end

function M.body()
    local ctx = ngx.ctx
    if not ctx.cc_html then return end
    local s, eof = ngx.arg[1], ngx.arg[2]
    if ctx.cc_carry then
        s = ctx.cc_carry .. s
        ctx.cc_carry = nil
    end
    if s == '' then return end

    -- every GA4 loader, made inert
    if find(s, GTAG, 1, true) then
        local out, n, pos = {}, 0, 1
        while true do
            local i, j = find(s, GTAG, pos, true)
            if not i then break end
            n = n + 1; out[n] = sub(s, pos, i - 1)
            n = n + 1; out[n] = GTAG_INERT
            pos = j + 1
        end
        n = n + 1; out[n] = sub(s, pos)
        s = concat(out)
    end

    -- the banner, after the first <body ...>
    local hold                  -- a <body tag cut by the chunk's end
    if not ctx.cc_body then
        local pos = 1
        while true do
            local i = find(s, BODY, pos, true)
            if not i then break end
            local c = byte(s, i + 5)
            if c == nil then hold = i; break end  -- cut: held back
            if c == 62 or c == 32 or c == 9 or c == 10 or c == 13
                or c == 12 or c == 47 then
                local e = find(s, '>', i + 5, true)
                if not e then hold = i; break end -- cut: held back
                s = sub(s, 1, e) .. banner .. sub(s, e + 1)
                ctx.cc_body = true
                break
            end
            pos = i + 1
        end
    end

    if not eof then
        local t = tail_start(s, ctx.cc_body)
        if hold and (not t or hold < t) then t = hold end
        if t then
            ctx.cc_carry = sub(s, t)
            s = sub(s, 1, t - 1)
        end
    end
    ngx.arg[1] = s
end

return M
