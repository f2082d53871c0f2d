package web

import (
	"encoding/json"
	"image/png"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// checkInstallable fetches the signed-in client's manifest and home-screen
// icons as a phone installing the portal would: an id, PNG icons that
// decode at the sizes they claim, and an apple-touch-icon on the page.
func checkInstallable(t *testing.T, b *browser) {
	t.Helper()
	res := b.get("/me/manifest.webmanifest")
	var m struct {
		ID    string `json:"id"`
		Icons []struct{ Src, Sizes, Type string }
	}
	if err := json.Unmarshal([]byte(res.body), &m); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("manifest: %d %v\n%s", res.StatusCode, err, res.body)
	}
	if m.ID != "/me" {
		t.Errorf("manifest id = %q, want /me", m.ID)
	}
	sizes := map[string]bool{}
	for _, icon := range m.Icons {
		if icon.Type != "image/png" {
			continue
		}
		sizes[icon.Sizes] = true
		checkPNG(t, b, icon.Src, icon.Sizes)
	}
	if !sizes["192x192"] || !sizes["512x512"] {
		t.Errorf("manifest PNG icons %v, want 192x192 and 512x512", sizes)
	}
	touch := regexp.MustCompile(`<link rel="apple-touch-icon" href="([^"]+)">`).FindStringSubmatch(b.get("/me").body)
	if touch == nil {
		t.Fatal("the portal has no apple-touch-icon")
	}
	checkPNG(t, b, touch[1], "180x180")
}

func checkPNG(t *testing.T, b *browser, src, sizes string) {
	t.Helper()
	res := b.get(src)
	img, err := png.Decode(strings.NewReader(res.body))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Errorf("icon %s: %d %v", src, res.StatusCode, err)
		return
	}
	if got := strconv.Itoa(img.Bounds().Dx()) + "x" + strconv.Itoa(img.Bounds().Dy()); got != sizes {
		t.Errorf("icon %s is %s, want %s", src, got, sizes)
	}
}
